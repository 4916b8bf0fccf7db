package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.cli.ExitReport;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.config.LogSource;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UDP flood into a small receive buffer: the kernel drops datagrams before the agent reads them, and the agent
 * must count exactly those ({@code udp_kernel_drops}) in /metrics, the drop ledger and the stop line.
 */
@Tag("fault")
@EnabledOnOs(OS.LINUX)
class UdpKernelDropsFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void datagramsTheKernelDropsAreCountedExactly() throws Exception {
        int sent = 200_000;
        LogSource udp = new SocketSource(
                SourceType.UDP,
                "127.0.0.1",
                0,
                Optional.of("flood"),
                Optional.of("java"),
                List.of(),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES,
                SocketSource.DEFAULT_MAX_CONNECTIONS,
                SocketSource.DEFAULT_IDLE_TIMEOUT,
                64 << 10); // the kernel doubles it: still only ~100 datagrams
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .host("127.0.0.1")
                .port(0)
                .build())) {
            Agent agent = Agent.start(config(intake.logsUrl(), List.of(udp)).build());
            long proc;
            long received;
            long delivered;
            try {
                InetSocketAddress to = agent.boundAddresses().get(0);
                SourceMeters meters = agent.metrics().source("udp:127.0.0.1:0");
                byte[] payload = "{\"message\":\"flood\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"
                        .getBytes(UTF_8);
                try (DatagramSocket socket = new DatagramSocket()) {
                    DatagramPacket packet = new DatagramPacket(payload, payload.length, to);
                    for (int i = 0; i < sent; i++) {
                        socket.send(packet);
                    }
                }

                // Everything sent was either read or dropped by the kernel, and the agent has counted the latter.
                await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                    long kernel = procDrops(to.getPort());
                    return kernel >= 0
                            && (long) meters.recordsIn.count() + kernel == sent
                            && agent.metrics().droppedCount(DropReason.UDP_KERNEL_DROPS) == kernel;
                });
                proc = procDrops(to.getPort());
                received = (long) meters.recordsIn.count();
                assertThat(proc)
                        .as("the kernel dropped datagrams (RcvbufErrors)")
                        .isPositive();
                assertThat(meters.udpKernelDrops.count()).isEqualTo((double) proc);
                assertThat(agent.metrics().scrape())
                        .contains("logship_records_dropped_total{intentional=\"false\",reason=\"udp_kernel_drops\"} "
                                + proc + ".0");
                await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= received);
                delivered = intake.count(RecordQuery.all());
                assertThat(delivered).isEqualTo(received);
            } finally {
                agent.close();
            }
            ExitReport report = ExitReport.of(agent);
            assertThat(report.lost()).containsEntry("udp_kernel_drops", proc);
            assertThat(report.toString()).contains("udp_kernel_drops=" + proc);
            FaultTable.row(
                    "UDP flood: 200,000 datagrams as fast as one thread sends into a 64 KiB receive buffer",
                    sent,
                    delivered,
                    proc,
                    0,
                    "kernel drops read from /proc/net/udp and counted as udp_kernel_drops (metrics, ledger, stop "
                            + "line); received + kernel drops = sent");
        }
    }

    /** The {@code drops} column of the socket bound to {@code port} in /proc/net/udp, or -1 if absent. */
    private static long procDrops(int port) throws IOException {
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String row : rows.subList(1, rows.size())) {
                String[] col = row.trim().split("\\s+");
                String local = col[1];
                if (Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port) {
                    return Long.parseLong(col[12]);
                }
            }
        }
        return -1;
    }
}
