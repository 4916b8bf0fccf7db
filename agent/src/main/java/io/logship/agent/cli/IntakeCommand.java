package io.logship.agent.cli;

import io.logship.agent.StartFailure;
import io.logship.config.ByteSize;
import io.logship.config.HumanDuration;
import io.logship.config.LocalIntakeConfig;
import io.logship.intake.LocalIntakeMain;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.LocalIntakeOptions.StorageMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
            defaultValue = LocalIntakeConfig.DEFAULT_BIND,
            description = "Address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "" + LocalIntakeConfig.DEFAULT_PORT,
            converter = PortConverter.class,
            description = "Port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", description = "Data directory (default: logship-data/intake).")
    Path data = LocalIntakeConfig.DEFAULT_PATH;

    @Option(
            names = "--require-api-key",
            paramLabel = "KEY",
            description = "Answer 401/403 to requests without this DD-API-KEY (default: no key needed).")
    String requiredApiKey;

    @Option(
            names = "--max-bytes",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "Stored records kept at most, as the sum of their JSON bytes; the oldest are deleted"
                    + " above it (default: 1GiB, like local_intake.max_bytes).")
    long maxBytes = LocalIntakeConfig.DEFAULT_MAX_BYTES;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a record is kept after it arrived (default: 7d, like local_intake.max_age).")
    Duration maxAge = LocalIntakeConfig.DEFAULT_MAX_AGE;

    @Option(names = "--discard", description = "Validate and count, but store nothing (for benchmarks).")
    boolean discard;

    @Option(
            names = "--knobs",
            description = "Turn on the control routes (/_knobs/* fault knobs, DELETE /api/records)"
                    + " for tests and demos; off by default (they answer 404).")
    boolean knobs;

    /** Runs until stopped; 2 with one line on stderr when the port is taken or the data directory is in use. */
    @Override
    public Integer call() {
        try {
            LocalIntakeMain.runUntilStopped(options());
        } catch (IOException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(failure(e).getMessage());
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        }
        return CommandLine.ExitCode.OK;
    }

    private StartFailure failure(IOException e) {
        if (StartFailure.isBindFailure(e)) {
            return StartFailure.cannotListen("local intake", bind + ":" + port, e, "--port", "--bind");
        }
        return StartFailure.cannotUseDirectory("local intake (data in " + data + ")", e, "--data");
    }

    /** The intake's options from the parsed command line. */
    LocalIntakeOptions options() {
        LocalIntakeOptions.Builder options = LocalIntakeOptions.builder(data)
                .host(bind)
                .port(port)
                .mode(discard ? StorageMode.DISCARD : StorageMode.STORE)
                .maxStoredBytes(maxBytes)
                .maxAge(maxAge)
                .knobs(knobs);
        if (requiredApiKey != null) {
            options.requiredApiKey(requiredApiKey);
        }
        return options.build();
    }

    /** {@code --port}: 0 to 65535, as {@code local_intake.port}. */
    static final class PortConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65_535) {
                throw new CommandLine.TypeConversionException(
                        "expected a port number from 0 to 65535 (0 picks a free port), got " + value);
            }
            return port;
        }
    }

    /** {@code --max-bytes}: a size like {@code 64MiB}, more than zero. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long bytes;
            try {
                bytes = ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected " + ByteSize.EXPECTED + ", got " + value);
            }
            if (bytes <= 0) {
                throw new CommandLine.TypeConversionException("expected more than 0 bytes, got " + value);
            }
            return bytes;
        }
    }

    /** {@code --max-age}: a duration like {@code 7d} or {@code 12h}, more than zero. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = HumanDuration.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected " + HumanDuration.EXPECTED + ", got " + value);
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new CommandLine.TypeConversionException("expected a duration above 0, got " + value);
            }
            return duration;
        }
    }
}
