package io.logship.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.Agent;
import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.MetricsServer;
import io.logship.config.ConfigLoader;
import io.logship.config.LogshipConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The agent talks to its operator: the start block, {@code logship-agent send} into a running agent, and
 * {@code logship-agent status} reading it back from {@code /status}. A real agent, its local intake and its
 * metrics endpoint on ephemeral loopback ports.
 */
class AgentTalksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private LogshipConfig config(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yaml"), yaml);
        return ConfigLoader.load(Optional.of(file), Map.of());
    }

    private LogshipConfig localIntakeConfig() throws IOException {
        return config("batch:\n  max_wait: 50ms\n"
                + "metrics:\n  port: 0\n"
                + "local_intake:\n  port: 0\n  path: " + dir.resolve("intake") + "\n"
                + "spool:\n  path: " + dir.resolve("spool") + "\n"
                + "logs:\n  - type: tcp\n    bind: 127.0.0.1\n    port: 0\n  - type: udp\n    bind: 127.0.0.1\n"
                + "    port: 0\n");
    }

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theStartBlockNamesEveryListenerTheLocalIntakeItsPageTheDataDirectoriesAndTheMetricsUrl() throws IOException {
        LogshipConfig config = localIntakeConfig();
        try (Agent agent = Agent.start(config)) {
            InetSocketAddress tcp = agent.boundAddresses().get(0);
            InetSocketAddress udp = agent.boundAddresses().get(1);
            String page =
                    "http://127.0.0.1:" + agent.localIntake().orElseThrow().port() + "/";

            String block = StartBlock.render(config, agent, Optional.of(new InetSocketAddress("127.0.0.1", 9999)));

            assertThat(block.lines())
                    .containsExactly(
                            "logship agent " + Version.current() + " started",
                            "  sources:     logs[0] tcp 127.0.0.1:" + tcp.getPort(),
                            "               logs[1] udp 127.0.0.1:" + udp.getPort(),
                            "  destination: local intake at " + page + " - explorer page",
                            "  page:        " + page,
                            "  data:        spool " + dir.resolve("spool").toAbsolutePath(),
                            "               local intake "
                                    + dir.resolve("intake").toAbsolutePath(),
                            "  metrics:     http://127.0.0.1:9999/metrics (logship-agent status reads /status)");
        }
    }

    @Test
    void theStartBlockShowsARemoteDestinationRedactedAndNoPage() throws IOException {
        LogshipConfig config = config(
                "intake:\n  url: http://bob:pa55word@127.0.0.1:1/api/v2/logs?api_key=s3cr3t\n"
                        + "logs:\n  - type: tcp\n    bind: 127.0.0.1\n    port: 0\n    allow: [\"127.0.0.1/32\", \"::1/128\"]\n");
        try (Agent agent = Agent.start(config)) {
            String block = StartBlock.render(config, agent, Optional.empty());

            assertThat(block)
                    .contains("  sources:     logs[0] tcp 127.0.0.1:"
                            + agent.boundAddresses().get(0).getPort() + ", allow 127.0.0.1/32 ::1/128\n")
                    .contains("  destination: http://********@127.0.0.1:1/api/v2/logs?api_key=********")
                    .contains("  data:        none: no spool.path, records wait in memory only")
                    .contains("  metrics:     off (metrics.enabled: false)")
                    .doesNotContain("page:", "pa55word", "s3cr3t", "bob");
        }
    }

    @Test
    void sendDeliversItsArgumentsAndStatusPrintsTheAgentsStateAsATable() throws IOException {
        LogshipConfig config = localIntakeConfig();
        AgentMetrics metrics = new AgentMetrics();
        RecentWarnings warnings = RecentWarnings.attach();
        try (Agent agent = Agent.start(config, metrics);
                MetricsServer server = MetricsServer.start(metrics, () -> true, "127.0.0.1", 0)) {
            metrics.status(new AgentStatus(config, agent, warnings)::json);
            LoggerFactory.getLogger(AgentTalksTest.class).warn("a warning the status shows");
            int tcpPort = agent.boundAddresses().get(0).getPort();

            int sent = run(new SendCommand(), "--port", "" + tcpPort, "{\"message\":\"one\"}", "two");

            assertThat(sent).isZero();
            assertThat(err.toString()).isEqualTo("sent 2 lines to 127.0.0.1:" + tcpPort + System.lineSeparator());
            await().atMost(WAIT).until(() -> agent.sendCounters().recordsSent() == 2);

            int code = run(
                    new StatusCommand(),
                    "--url",
                    "http://127.0.0.1:" + server.address().getPort());

            assertThat(code).isZero();
            String table = out.toString();
            assertThat(table)
                    .startsWith("logship agent " + Version.current() + " at http://127.0.0.1:"
                            + server.address().getPort())
                    .containsPattern("NAME +TYPE +ADDRESS +CONNECTIONS +RECORDS IN")
                    .containsPattern("logs\\[0] +tcp +127\\.0\\.0\\.1:" + tcpPort + " +\\d+ +2\\n")
                    .containsPattern("logs\\[1] +udp +127\\.0\\.0\\.1:\\d+ +0 +0\\n")
                    .contains("url:         http://127.0.0.1:"
                            + agent.localIntake().orElseThrow().port() + "/ (local intake, explorer page)")
                    .contains("state:       ok")
                    .contains("last error:  none")
                    .contains("delivered:   2 records in ")
                    .contains("buffer:  0 of 67108864 bytes (0%)")
                    .containsPattern("spool:   \\d+ bytes, 0 records in " + dir.resolve("spool"))
                    .contains("Drops\n=====\n  none\n")
                    .containsPattern("Last errors\\n===========\\n  \\S+Z WARN AgentTalksTest: a warning the status"
                            + " shows\\n");
        } finally {
            warnings.detach();
        }
    }

    @Test
    void sendWithoutArgumentsSendsEachLineOfStandardInput() throws IOException {
        LogshipConfig config = localIntakeConfig();
        try (Agent agent = Agent.start(config)) {
            int tcpPort = agent.boundAddresses().get(0).getPort();
            SendCommand send = new SendCommand();
            send.stdin = new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.UTF_8));

            int code = run(send, "--port", "" + tcpPort);

            assertThat(code).isZero();
            assertThat(err.toString()).isEqualTo("sent 3 lines to 127.0.0.1:" + tcpPort + System.lineSeparator());
            await().atMost(WAIT).until(() -> agent.recordsRead() == 3);
        }
    }

    @Test
    void statusWithNoAgentAnsweringSaysSoInOneLineAndExitsTwo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        int code = run(new StatusCommand(), "--url", "http://127.0.0.1:" + port);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("no agent answering at http://127.0.0.1:" + port + ": connection refused"
                        + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void sendWithNoAgentAnsweringSaysSoInOneLineAndExitsTwo() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        int code = run(new SendCommand(), "--port", "" + port, "hello");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("no agent answering at 127.0.0.1:" + port + ": connection refused" + System.lineSeparator());
    }
}
