package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.cli.ExitReport;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.config.Cidr;
import io.logship.config.LogSource;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs[].allow}: a TCP client from outside is closed at accept and counted, a UDP datagram from outside is
 * dropped and counted; 127.0.0.1 and 127.0.0.2 are both loopback on Linux, so a client bound to 127.0.0.2 is the
 * outsider.
 */
class AllowListTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SOURCE = "tcp:127.0.0.1:0";

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
    void allowListAdmits127001AndRefuses127002AtAccept() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, socket(SourceType.TCP, "127.0.0.1", "127.0.0.1/32"));
        SourceMeters meters = agent.metrics().source(SOURCE);
        InetSocketAddress to = agent.boundAddresses().get(0);

        try (Socket outsider = new Socket(to.getAddress(), to.getPort(), InetAddress.getByName("127.0.0.2"), 0)) {
            outsider.getOutputStream().write("from 127.0.0.2\n".getBytes(UTF_8));
            assertClosedByPeer(outsider);
        }
        AgentHarness.sendTcp(to, "from 127.0.0.1\n".getBytes(UTF_8));

        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("from 127.0.0.1");
        assertThat(meters.connectionsClosedAllowList.count()).isEqualTo(1.0);
        assertThat(meters.connectionsAccepted.count()).isEqualTo(1.0);
        assertThat(ExitReport.of(agent).toString()).endsWith("; 1 connection refused (allow_list=1)");
        assertThat(value(
                        agent.metrics().scrape(),
                        "logship_connections_closed_total{reason=\"allow_list\",source=\"" + SOURCE + "\"}"))
                .isEqualTo(1);
    }

    @Test
    void allowListMatchesIpv6Loopback() throws Exception {
        assumeThat(ipv6Loopback()).as("::1 available").isTrue();
        LocalIntake intake = intake();
        LogSource v6Allowed = socket(SourceType.TCP, "::1", "::1/128");
        LogSource v4Only = socket(SourceType.TCP, "::1", "127.0.0.0/8");
        Agent agent = start(intake, v6Allowed, v4Only);

        try (Socket refused = connect(agent.boundAddresses().get(1))) {
            assertClosedByPeer(refused);
        }
        AgentHarness.sendTcp(agent.boundAddresses().get(0), "from ::1\n".getBytes(UTF_8));

        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("from ::1");
        assertThat(agent.metrics()
                        .source("tcp:::1:0")
                        .connectionsClosedAllowList
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void udpDatagramsFromOutsideAreDroppedAndCounted() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, socket(SourceType.UDP, "127.0.0.1", "127.0.0.1/32"));
        InetSocketAddress to = agent.boundAddresses().get(0);

        try (DatagramSocket outsider = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
            byte[] line = "from 127.0.0.2\n".getBytes(UTF_8);
            outsider.send(new DatagramPacket(line, line.length, to));
        }
        await().atMost(WAIT).until(() -> agent.drops().byReason().getOrDefault(DropReason.NOT_ALLOWED, 0L) == 1L);
        AgentHarness.sendUdp(to, "from 127.0.0.1\n".getBytes(UTF_8));

        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("from 127.0.0.1");
        assertThat(agent.drops().byReason()).containsEntry(DropReason.NOT_ALLOWED, 1L);
        assertThat(agent.metrics().scrape()).contains("reason=\"not_allowed\"");
    }

    private static LogSource socket(SourceType type, String bind, String allow) {
        return new SocketSource(
                type,
                bind,
                0,
                Optional.of("allow"),
                Optional.empty(),
                List.of(),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES,
                10,
                Duration.ZERO,
                SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES,
                Optional.empty(),
                List.of(Cidr.parse(allow)));
    }

    private static List<String> messages(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::message).toList();
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        return new Socket(to.getAddress(), to.getPort());
    }

    /** Blocks until the agent closes the connection (end of stream or a reset), within {@link #WAIT}. */
    private static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // closed by the agent with a reset: closed all the same
        }
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }

    private Agent start(LocalIntake intake, LogSource... sources) throws IOException {
        Agent agent = Agent.start(config(intake.logsUrl(), List.of(sources)).build());
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
