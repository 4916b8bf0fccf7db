package io.logship.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.intake.LocalIntakeOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IntakeCommandTest {
    private static LocalIntakeOptions parse(String... args) {
        IntakeCommand command = new IntakeCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void controlRoutesAreOffByDefault() {
        LocalIntakeOptions options = parse();

        assertThat(options.knobs()).isFalse();
        assertThat(options.maxBufferedBodyBytes()).isEqualTo(LocalIntakeOptions.DEFAULT_MAX_BUFFERED_BODY_BYTES);
        assertThat(options.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void knobsFlagTurnsThemOn() {
        assertThat(parse("--knobs").knobs()).isTrue();
        assertThat(parse("--discard", "--port", "0").mode()).isEqualTo(LocalIntakeOptions.StorageMode.DISCARD);
    }

    @Test
    void retentionDefaultsToTheAgentsAndReadsMaxBytesAndMaxAge() {
        LocalIntakeOptions defaults = parse();
        LocalIntakeOptions set = parse("--max-bytes", "64MiB", "--max-age", "12h");

        assertThat(defaults.maxStoredBytes()).isEqualTo(1L << 30);
        assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(set.maxStoredBytes()).isEqualTo(64L << 20);
        assertThat(set.maxAge()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void rejectsBadRetentionValuesNamingTheOption() {
        assertThatThrownBy(() -> parse("--max-bytes", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--max-bytes")
                .hasMessageContaining("expected a size in bytes like 900000, 900kB, 5MB or 64MiB, got lots");
        assertThatThrownBy(() -> parse("--max-age", "0"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--max-age")
                .hasMessageContaining("expected a duration above 0, got 0");
    }
}
