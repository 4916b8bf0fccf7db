package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramNameTest {

    @Test
    void explicitBeatsEnvironmentBeatsJarBeatsMainClass() {
        Map<String, String> env = Map.of("LOGSHIP_PROGRAM_NAME", "from-env");

        assertThat(ProgramName.resolve("explicit", env, "app.jar")).isEqualTo("explicit");
        assertThat(ProgramName.resolve(null, env, "app.jar")).isEqualTo("from-env");
        assertThat(ProgramName.resolve(null, Map.of(), "/opt/app/lib/billing-1.2.jar --port 80"))
                .isEqualTo("billing-1.2");
        assertThat(ProgramName.resolve(null, Map.of(), "com.acme.billing.Main arg"))
                .isEqualTo("Main");
        assertThat(ProgramName.resolve(" ", Map.of("LOGSHIP_PROGRAM_NAME", ""), ""))
                .isEqualTo("java");
        assertThat(ProgramName.resolve(null, Map.of(), null)).isEqualTo("java");
    }
}
