package io.logship.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.intake.LocalIntakeOptions;
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
}
