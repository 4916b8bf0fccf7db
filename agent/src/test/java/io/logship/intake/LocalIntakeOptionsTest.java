package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(options.maxBufferedBodyBytes()).isEqualTo(64L << 20);
        assertThat(options.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.knobs()).as("control routes off unless asked for").isFalse();
    }

    @Test
    void rejectsImpossibleValuesWithTheValue() {
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).port(70000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535: 70000");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).maxBodyBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBodyBytes must be > 0: 0");
        assertThatThrownBy(
                        () -> LocalIntakeOptions.builder(DIR).requiredApiKey("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requiredApiKey must not be empty when present");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR).host(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must not be blank");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR)
                        .maxBufferedBodyBytes(5_115_535)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBufferedBodyBytes must be >= the "
                        + "largest compressed body (5115536 for maxBodyBytes 5000000): 5115535");
        assertThatThrownBy(() -> LocalIntakeOptions.builder(DIR)
                        .bodyReadTimeout(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bodyReadTimeout must be > 0: PT0S");
    }

    @Test
    void acceptsABudgetOfExactlyOneLargestBody() {
        assertThat(LocalIntakeOptions.builder(DIR)
                        .maxBufferedBodyBytes(5_115_536)
                        .build()
                        .maxBufferedBodyBytes())
                .isEqualTo(5_115_536);
    }

    @Test
    void neverPrintsTheKey() {
        LocalIntakeOptions options =
                LocalIntakeOptions.builder(DIR).requiredApiKey("topsecret").build();

        assertThat(options.toString()).doesNotContain("topsecret").contains("requiredApiKey=<set>");
    }
}
