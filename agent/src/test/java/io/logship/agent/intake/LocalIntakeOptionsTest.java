package io.logship.agent.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalIntakeOptionsTest {
    private static final Path DIR = Path.of("data");

    @Test
    void defaultsMatchTheDatadogContract() {
        LocalIntakeOptions options = LocalIntakeOptions.builder(DIR).build();

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8282);
        assertThat(options.maxBodyBytes()).isEqualTo(5_000_000);
        assertThat(options.requiredApiKey()).isEmpty();
        assertThat(options.mode()).isEqualTo(LocalIntakeOptions.StorageMode.STORE);
    }

    @Test
    void rejectsImpossibleValuesWithTheValue() {
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).port(70000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be between 0 and 65535: 70000");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).maxBodyBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBodyBytes must be > 0: 0");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).requiredApiKey("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredApiKey must not be empty when present");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).host(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("host must not be blank");
    }

    @Test
    void neverPrintsTheKey() {
        LocalIntakeOptions options = LocalIntakeOptions.builder(DIR).requiredApiKey("topsecret").build();

        assertThat(options.toString()).doesNotContain("topsecret").contains("requiredApiKey=<set>");
    }
}
