package io.logship.agent.cli;

import io.logship.config.LocalIntake;
import io.logship.intake.LocalIntakeMain;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.LocalIntakeOptions.StorageMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logship-agent intake}: runs the embedded Datadog-compatible intake alone, until SIGTERM or Ctrl-C.
 * Its defaults are the agent's {@code local_intake} defaults, so an agent started without an intake URL on another
 * terminal delivers to it.
 */
@Command(
        name = "intake",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Run the local Datadog-compatible intake: POST /api/v2/logs, queries at /api/records, page at /.")
public final class IntakeCommand implements Callable<Integer> {
    @Option(
            names = "--bind",
            defaultValue = LocalIntake.DEFAULT_BIND,
            description = "Address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "" + LocalIntake.DEFAULT_PORT,
            description = "Port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", description = "Data directory (default: logship-data/intake).")
    Path data = LocalIntake.DEFAULT_PATH;

    @Option(
            names = "--require-api-key",
            paramLabel = "KEY",
            description = "Answer 401/403 to requests without this DD-API-KEY (default: no key needed).")
    String requiredApiKey;

    @Option(names = "--discard", description = "Validate and count, but store nothing (for benchmarks).")
    boolean discard;

    @Option(
            names = "--knobs",
            description = "Turn on the control routes (/_knobs/* fault knobs, DELETE /api/records)"
                    + " for tests and demos; off by default (they answer 404).")
    boolean knobs;

    @Override
    public Integer call() throws IOException {
        LocalIntakeMain.runUntilStopped(options());
        return CommandLine.ExitCode.OK;
    }

    /** The intake's options from the parsed command line. */
    LocalIntakeOptions options() {
        LocalIntakeOptions.Builder options = LocalIntakeOptions.builder(data)
                .host(bind)
                .port(port)
                .mode(discard ? StorageMode.DISCARD : StorageMode.STORE)
                .knobs(knobs);
        if (requiredApiKey != null) {
            options.requiredApiKey(requiredApiKey);
        }
        return options.build();
    }
}
