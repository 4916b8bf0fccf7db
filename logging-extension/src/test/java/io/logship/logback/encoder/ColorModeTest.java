package io.logship.logback.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorModeTest {

    @Test
    void autoIsOffWithNoColorOrWithoutAConsole() {
        assertThat(ColorMode.AUTO.enabled(Map.of("NO_COLOR", "1"))).isFalse();
        // surefire's forked JVM has no console, as a pipe or a file never does
        assertThat(ColorMode.AUTO.enabled(Map.of())).isEqualTo(System.console() != null);
    }

    @Test
    void alwaysAndNeverIgnoreTheEnvironment() {
        assertThat(ColorMode.ALWAYS.enabled(Map.of("NO_COLOR", "1"))).isTrue();
        assertThat(ColorMode.NEVER.enabled(Map.of())).isFalse();
    }
}
