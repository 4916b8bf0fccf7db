package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.config.ConfigLoader;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What cannot start says so in one line on stderr, naming the component and the setting to change, and exits 2: a
 * port in use (an input, the metrics endpoint, the local intake, {@code intake --port}), a port out of range, a data
 * directory another intake or agent holds. Through the command line's entry, in process.
 */
// A start that wrongly succeeds would run until stopped: the timeout turns that into a failure.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CleanStartErrorsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ServerSocket taken;

    @BeforeEach
    void takeAPort() throws IOException {
        taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void releaseThePort() throws IOException {
        taken.close();
    }

    private int run(String... args) {
        CommandLine cli = LogshipAgent.commandLine(new LogshipAgent(Map.of()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private int runWith(String yaml) throws IOException {
        return run("-c", Files.writeString(dir.resolve("agent.yaml"), yaml).toString());
    }

    private String oneLine() {
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        return err.toString().strip();
    }

    private String localIntake(int port) {
        return "local_intake:\n  port: " + port + "\n  path: " + dir.resolve("intake") + "\n";
    }

    private static String tcp(int port) {
        return "logs:\n  - type: tcp\n    bind: 127.0.0.1\n    port: " + port + "\n";
    }

    @Test
    void anInputsPortInUseNamesTheEntryAndItsPortKey() throws IOException {
        int code = runWith("metrics:\n  port: 0\n" + localIntake(0) + tcp(taken.getLocalPort()));

        assertThat(code).isEqualTo(2);
        assertThat(oneLine())
                .isEqualTo("logs[0] (tcp) cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + ": address already in use - change logs[0].port");
    }

    @Test
    void theMetricsPortInUseNamesMetricsPort() throws IOException {
        int code = runWith("metrics:\n  port: " + taken.getLocalPort() + "\n" + localIntake(0) + tcp(0));

        assertThat(code).isEqualTo(2);
        assertThat(oneLine())
                .isEqualTo("metrics endpoint cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + ": address already in use - change metrics.port");
    }

    @Test
    void theLocalIntakesPortInUseNamesLocalIntakePort() throws IOException {
        int code = runWith("metrics:\n  port: 0\n" + localIntake(taken.getLocalPort()) + tcp(0));

        assertThat(code).isEqualTo(2);
        assertThat(oneLine())
                .isEqualTo("local intake cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + ": address already in use - change local_intake.port");
    }

    @Test
    void aLocalIntakeDirectoryInUseNamesLocalIntakePath() throws IOException {
        try (LocalIntake holder = LocalIntake.start(
                LocalIntakeOptions.builder(dir.resolve("intake")).port(0).build())) {
            int code = runWith("metrics:\n  port: 0\n" + localIntake(0) + tcp(0));

            assertThat(code).isEqualTo(2);
            assertThat(oneLine())
                    .startsWith("local intake (data in " + dir.resolve("intake") + ") cannot start: ")
                    .contains("already open")
                    .endsWith(" - stop the process that uses it or change local_intake.path");
        }
    }

    @Test
    void aSpoolDirectoryInUseNamesSpoolPath() throws Exception {
        String yaml = "intake:\n  url: http://127.0.0.1:1/api/v2/logs\nmetrics:\n  port: 0\n" + tcp(0)
                + "spool:\n  path: " + dir.resolve("spool") + "\n";
        try (Agent holder = Agent.start(
                ConfigLoader.load(Optional.of(Files.writeString(dir.resolve("holder.yaml"), yaml)), Map.of()))) {
            int code = runWith(yaml);

            assertThat(code).isEqualTo(2);
            assertThat(oneLine())
                    .startsWith("spool (spool.path " + dir.resolve("spool") + ") cannot start: ")
                    .endsWith(" - stop the process that uses it or change spool.path");
        }
    }

    @Test
    void intakeWithAPortOutOfRangeIsOneUsageLine() {
        int code = run("intake", "--port", "70000");

        assertThat(code).isEqualTo(2);
        assertThat(oneLine())
                .isEqualTo("logship-agent intake: Invalid value for option '--port': expected a port number from 0 to"
                        + " 65535 (0 picks a free port), got 70000 (see logship-agent intake --help)");
    }

    @Test
    void intakeOnAPortInUseNamesTheOption() {
        int code = run(
                "intake",
                "--port",
                "" + taken.getLocalPort(),
                "--data",
                dir.resolve("alone").toString());

        assertThat(code).isEqualTo(2);
        assertThat(oneLine())
                .isEqualTo("local intake cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + ": address already in use - change --port");
    }

    @Test
    void intakeOnADataDirectoryInUseNamesTheOption() throws IOException {
        try (LocalIntake holder = LocalIntake.start(
                LocalIntakeOptions.builder(dir.resolve("intake")).port(0).build())) {
            int code =
                    run("intake", "--port", "0", "--data", dir.resolve("intake").toString());

            assertThat(code).isEqualTo(2);
            assertThat(oneLine())
                    .startsWith("local intake (data in " + dir.resolve("intake") + ") cannot start: ")
                    .endsWith(" - stop the process that uses it or change --data");
        }
    }
}
