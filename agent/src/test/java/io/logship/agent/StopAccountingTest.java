package io.logship.agent;

import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.cli.ExitReport;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stop line's sums without a spool: what is still in memory when the grace period ends is counted as lost, so
 * read = delivered + kept + lost even when the intake refuses everything.
 */
class StopAccountingTest {
    @TempDir
    Path dir;

    @Test
    void withoutASpoolWhatIsLeftInMemoryIsCountedLostAndTheSumsAgree() throws Exception {
        int n = 3000;
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            intake.knobs().failNext(1_000_000, 503, Optional.empty());
            AgentHarness.Config config = AgentHarness.config(intake.logsUrl(), List.of(tcp("stop", 900_000)));
            config.stopGrace = Duration.ofMillis(600);
            config.maxRecords = 100;
            Agent agent = Agent.start(config.build());
            InetSocketAddress to = agent.boundAddresses().get(0);
            try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(SeqLines.lines(0, n, 200));
                out.flush();
                await().atMost(AgentHarness.WAIT).until(() -> agent.recordsRead() == n);
                agent.close(); // the client's connection is still open: the stop drains and closes it
            }
            ExitReport report = ExitReport.of(agent);
            assertThat(report.read()).isEqualTo(n);
            assertThat(report.delivered()).isZero();
            assertThat(report.spooled()).isZero();
            assertThat(report.lostTotal()).isEqualTo(n);
            assertThat(report.lost()).containsOnlyKeys("shutdown");
            assertThat(report.toString())
                    .as("no spool: not mentioned")
                    .isEqualTo("stopped: 0 records delivered in 0 batches, 3000 lost (shutdown=3000); 3000 read");
            assertThat(report.lostAtStop()).isEqualTo(n);
        }
    }

    @Test
    void aConnectionThatStaysOpenAndQuietDoesNotHoldTheStop() throws IOException, InterruptedException {
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            AgentHarness.Config config = AgentHarness.config(intake.logsUrl(), List.of(tcp("idle", 900_000)));
            config.stopGrace = Duration.ofSeconds(30);
            Agent agent = Agent.start(config.build());
            InetSocketAddress to = agent.boundAddresses().get(0);
            try (Socket idle = new Socket(to.getAddress(), to.getPort())) {
                idle.getOutputStream().write(SeqLines.lines(0, 1, 100));
                await().atMost(AgentHarness.WAIT).until(() -> agent.recordsRead() == 1);
                Thread closer = new Thread(agent::close);
                closer.start();
                // Bounded by the quiet period, not by the 30 s grace: the idle connection is closed when quiet.
                closer.join(Duration.ofSeconds(10).toMillis());
                assertThat(closer.isAlive())
                        .as("stop waited for an idle connection")
                        .isFalse();
                assertThat(idle.getInputStream().read())
                        .as("closed by the agent")
                        .isEqualTo(-1);
            }
            assertThat(ExitReport.of(agent).toString())
                    .isEqualTo("stopped: 1 record delivered in 1 batch, 0 lost; 1 read");
        }
    }
}
