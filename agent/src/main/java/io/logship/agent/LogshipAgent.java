package io.logship.agent;

import io.logship.agent.cli.AgentProcess;
import io.logship.agent.cli.ExitCodes;
import io.logship.agent.cli.ExitReport;
import io.logship.agent.cli.IntakeCommand;
import io.logship.agent.cli.SendCommand;
import io.logship.agent.cli.StatusCommand;
import io.logship.agent.cli.Version;
import io.logship.config.ConfigException;
import io.logship.config.ConfigLoader;
import io.logship.config.ConfigPrinter;
import io.logship.config.LogshipConfig;
import io.logship.loadgen.LoadGenerator;
import io.logship.logback.Logship;
import io.logship.logback.SetupOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The agent's command line: {@code logship-agent [-c FILE] [--print-config] [--check-config] [--version]}.
 *
 * <p>Without {@code --print-config} or {@code --check-config} it runs the agent until SIGTERM; subcommands
 * {@code intake} (the local intake alone), {@code status} (a running agent's state), {@code send} (lines to a tcp
 * source) and {@code loadgen} (a load generator).
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success, 1 an unexpected failure, 2 a configuration or usage error or
 * something that cannot start (a port in use, a locked data directory: one line per problem on stderr, no stack
 * trace), 3 records were lost at stop (still in memory when the grace period ended).
 */
@Command(
        name = "logship-agent",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {IntakeCommand.class, StatusCommand.class, SendCommand.class, LoadGenerator.class},
        description = "Receives log lines over TCP/UDP and delivers them to a Datadog-style HTTP intake.")
public final class LogshipAgent implements Callable<Integer> {
    /** Exit code of a configuration or command-line error; picocli uses the same for usage errors. */
    public static final int EXIT_CONFIG_ERROR = ExitCodes.CONFIG_ERROR;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "YAML configuration file. Without it: defaults and the environment only.")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration (API key redacted) and exit.")
    boolean printConfig;

    @Option(names = "--check-config", description = "Validate the configuration and exit: 0 if valid, 2 if not.")
    boolean checkConfig;

    private final Map<String, String> environment;

    public LogshipAgent() {
        this(System.getenv());
    }

    LogshipAgent(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        Logship.setup(SetupOptions.builder()
                .programName("logship-agent")
                .levels("io.netty=warn", "org.h2=warn")
                .build());
        System.exit(commandLine(new LogshipAgent()).execute(args));
    }

    static CommandLine commandLine(LogshipAgent agent) {
        CommandLine cli = new CommandLine(agent);
        cli.setParameterExceptionHandler(LogshipAgent::usageError);
        return cli;
    }

    /** A usage error is one line (picocli's default adds the whole usage text): what is wrong and where to look. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
                + cli.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return ExitCodes.CONFIG_ERROR;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogshipConfig config;
        try {
            ConfigLoader.Loaded loaded = ConfigLoader.loadReporting(Optional.ofNullable(configFile), environment);
            loaded.warnings().forEach(w -> err.println("warning: " + w));
            config = loaded.config();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return EXIT_CONFIG_ERROR;
        }
        if (printConfig) {
            out.print(ConfigPrinter.toYaml(config));
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        if (checkConfig) {
            out.println("configuration OK" + (configFile == null ? " (defaults and environment)" : ": " + configFile));
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        ExitReport report;
        try {
            report = AgentProcess.runUntilStopped(config);
        } catch (StartFailure e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("logship-agent: cannot start: " + e.getMessage());
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        }
        return report != null && report.lostAtStop() > 0 ? ExitCodes.RECORDS_LOST : ExitCodes.OK;
    }
}
