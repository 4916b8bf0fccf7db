package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.tcp.ConnectionBudget;
import io.logship.config.LogSource;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that hold descriptors and send nothing: the per-source cap and the idle timeout (in process, small
 * values), and a flood of idle sockets into an agent under a small {@code ulimit -n} (forked).
 */
@Tag("fault")
class ConnectionLimitsFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void overTheCapANewConnectionIsClosedAtOnceAndCountedAndOthersStillDeliver() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(3, Duration.ZERO));
        InetSocketAddress to = agent.boundAddresses().get(0);
        SourceMeters meters = agent.metrics().source("tcp:127.0.0.1:0");
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(connect(to));
        }
        await().atMost(WAIT).until(() -> meters.openConnections.get() == 3);

        Socket fourth = connect(to);
        assertClosedByPeer(fourth);
        assertThat(meters.connectionsClosedCap.count()).isEqualTo(1.0);
        assertThat(meters.openConnections.get()).isEqualTo(3);

        for (int i = 0; i < 3; i++) {
            write(held.get(i), "held " + i + "\n");
        }
        held.get(0).close();
        await().atMost(WAIT).until(() -> meters.openConnections.get() == 2);
        try (Socket next = connect(to)) {
            write(next, "after the cap\n");
        }
        List<StoredRecord> records = AgentHarness.awaitRecords(intake, 4);
        assertThat(records)
                .extracting(StoredRecord::message)
                .containsExactlyInAnyOrder("held 0", "held 1", "held 2", "after the cap");
        for (Socket s : held) {
            s.close();
        }
        FaultTable.row(
                "max_connections 3, a 4th connection",
                4,
                records.size(),
                0,
                0,
                "the 4th closed at once, counted as connections_closed{reason=cap} = 1; a new one after a close "
                        + "delivers");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeoutItsPartialLineDelivered() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(10, Duration.ofMillis(300)));
        SourceMeters meters = agent.metrics().source("tcp:127.0.0.1:0");

        try (Socket idle = connect(agent.boundAddresses().get(0))) {
            write(idle, "complete\npartial, no newline");
            assertClosedByPeer(idle);
        }

        List<StoredRecord> records = AgentHarness.awaitRecords(intake, 2);
        assertThat(records).extracting(StoredRecord::message).containsExactly("complete", "partial, no newline");
        assertThat(meters.connectionsClosedIdle.count()).isEqualTo(1.0);
        assertThat(meters.openConnections.get()).isZero();
        FaultTable.row(
                "idle_timeout 300 ms, a client that stops mid-line",
                2,
                records.size(),
                0,
                0,
                "closed after the timeout, counted as connections_closed{reason=idle}; the partial line delivered");
    }

    @Test
    void aFloodOfIdleSocketsUnderUlimit200LeavesMetricsAndHealthAnswering() throws Exception {
        int sockets = 400;
        LocalIntake intake = intake();
        String yaml = "hostname: forked-host\n"
                + "intake:\n  url: " + intake.logsUrl() + "\n  max_in_flight: 2\n"
                + "batch:\n  max_wait: 50ms\n";
        List<Socket> flood = new ArrayList<>();
        long started = System.nanoTime();
        try (ForkedAgent agent = ForkedAgent.start(dir, "fds", yaml, 200)) {
            try {
                for (int i = 0; i < sockets; i++) {
                    flood.add(connect(agent.input));
                }
                // Each one is either held or closed at once (counted): none is left waiting for the agent.
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> agent.metric("logship_connections_open")
                                        + agent.metric("logship_connections_closed_total")
                                == sockets);
                double held = agent.metric("logship_connections_open");
                assertThat(held).isBetween(1.0, 199.0);
                for (int i = 0; i < 20; i++) {
                    assertThat(agent.get("/health").statusCode()).isEqualTo(200);
                    assertThat(agent.get("/metrics").statusCode()).isEqualTo(200);
                }
                String out = agent.output();
                assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
                assertThat(count(out, "closed a new connection")).isBetween(1, maxRateLimitedLines(started));
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> agent.metric("logship_connections_open") == 0);
            int n = 100;
            AgentHarness.sendTcp(agent.input, SeqLines.lines(0, n, 100));
            await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
            SeqLines.Tally tally = SeqLines.tally(intake, n);
            assertThat(tally.lost()).isZero();
            assertThat(tally.duplicated()).isZero();
            double closed = agent.metric("logship_connections_closed_total");
            long rss = agent.peakRssKib();
            assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();
            assertThat(agent.output()).doesNotContain("\tat ");
            FaultTable.row(
                    sockets + " idle sockets into an agent with ulimit -n 200, then 100 lines",
                    n,
                    tally.delivered(),
                    tally.lost(),
                    tally.duplicated(),
                    rss,
                    (long) closed + " connections closed at "
                            + "once (descriptor budget), /health and /metrics answered throughout, no stack trace");
        }
    }

    @Test
    void withoutTheBudgetAcceptsFailWithEmfileQuietlyAndMetricsStillAnswer() throws Exception {
        int sockets = 400;
        LocalIntake intake = intake();
        String yaml = "hostname: forked-host\n"
                + "intake:\n  url: " + intake.logsUrl() + "\n  max_in_flight: 2\n"
                + "batch:\n  max_wait: 50ms\n";
        List<Socket> flood = new ArrayList<>();
        long started = System.nanoTime();
        // A negative reserve lifts the descriptor budget: the inputs take descriptors until accept fails (EMFILE).
        try (ForkedAgent agent =
                ForkedAgent.start(dir, "emfile", yaml, 200, "-D" + ConnectionBudget.RESERVE_PROPERTY + "=-100000")) {
            assertThat(agent.get("/metrics").statusCode()).isEqualTo(200);
            try {
                for (int i = 0; i < sockets; i++) {
                    flood.add(connect(agent.input));
                }
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> agent.output().contains("cannot accept connections"));
                for (int i = 0; i < 20; i++) {
                    assertThat(agent.get("/health").statusCode()).isEqualTo(200);
                    assertThat(agent.get("/metrics").statusCode()).isEqualTo(200);
                }
                String out = agent.output();
                assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
                assertThat(count(out, "cannot accept connections")).isBetween(1, maxRateLimitedLines(started));
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> agent.metric("logship_connections_open") == 0);
            int n = 100;
            AgentHarness.sendTcp(agent.input, SeqLines.lines(0, n, 100));
            await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
            SeqLines.Tally tally = SeqLines.tally(intake, n);
            assertThat(tally.lost()).isZero();
            assertThat(tally.duplicated()).isZero();
            long rss = agent.peakRssKib();
            assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();
            assertThat(agent.output()).doesNotContain("\tat ");
            FaultTable.row(
                    sockets + " idle sockets, ulimit -n 200, descriptor budget lifted (accept fails with "
                            + "EMFILE), then 100 lines",
                    n,
                    tally.delivered(),
                    tally.lost(),
                    tally.duplicated(),
                    rss,
                    "accepts paused 100 ms per failure, one log line per 10 s, no stack trace; /health and /metrics "
                            + "answered (spare descriptor)");
        }
    }

    // --- helpers ---

    private static LogSource source(int maxConnections, Duration idleTimeout) {
        return new SocketSource(
                SourceType.TCP,
                "127.0.0.1",
                0,
                Optional.of("conn"),
                Optional.of("java"),
                List.of(),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES,
                maxConnections,
                idleTimeout,
                SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        return new Socket(to.getAddress(), to.getPort());
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(UTF_8));
        socket.getOutputStream().flush();
    }

    /** Blocks until the agent closes the connection (end of stream or a reset), within the socket timeout. */
    private static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // closed by the agent with a reset: closed all the same
        }
    }

    /** Lines a once-per-10-s warning may have written since {@code startedNanos}. */
    private static int maxRateLimitedLines(long startedNanos) {
        return 1 + (int) (Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() / 10);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private Agent start(LocalIntake intake, LogSource source) throws IOException {
        Agent agent = Agent.start(config(intake.logsUrl(), List.of(source)).build());
        open.add(agent);
        return agent;
    }

    private LocalIntake intake() throws IOException {
        LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .host("127.0.0.1")
                .port(0)
                .build());
        open.add(intake);
        return intake;
    }
}
