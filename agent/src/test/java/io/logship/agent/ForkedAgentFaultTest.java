package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a separate process: kill -9 with a spool mid-stream, and SIGTERM. */
@Tag("fault")
class ForkedAgentFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killMinus9MidStreamThenRestartDeliversEverythingThatReachedTheSpool() throws Exception {
        int n = 5000;
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            intake.knobs().delay(Duration.ofMillis(300)); // slow: a backlog builds up in the spool
            String yaml = yaml(intake, "2s");
            long before;
            long peakRss;
            try (ForkedAgent first = ForkedAgent.start(dir, "first", yaml)) {
                AgentHarness.sendTcp(first.input, SeqLines.lines(0, n, 200));
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> first.metric("logship_records_spooled_total") >= n
                                && intake.count(RecordQuery.all()) >= 1000);
                peakRss = first.peakRssKib();
                assertThat(peakRss)
                        .as("agent peak RSS, KiB (-Xmx128m, 4 MiB spool, 64 MiB buffer)")
                        .isBetween(1L, 512L << 10);
                first.kill(); // mid-stream: requests in flight, entries pending
                assertThat(first.process.exitValue()).isEqualTo(137);
            }
            before = intake.count(RecordQuery.all());
            assertThat(before).as("delivered before the crash").isLessThan(n);
            intake.knobs().clear();

            try (ForkedAgent second = ForkedAgent.start(dir, "second", yaml)) {
                await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
                SeqLines.Tally tally = SeqLines.tally(intake, n);
                assertThat(tally.lost()).isZero();
                assertThat(tally.foreign()).isZero();
                // Only requests unanswered at the kill may come twice: at most max_in_flight x max_records.
                assertThat(tally.duplicated()).isLessThanOrEqualTo(2 * 100);
                int exit = second.terminate(Duration.ofSeconds(30));
                assertThat(exit).isEqualTo(0);
                assertThat(second.output())
                        .contains("stopped: ")
                        .contains(", 0 kept in the spool for the next " + "start, 0 lost");
                FaultTable.row(
                        "kill -9 of the agent mid-stream (spool, fsync every_batch), restart",
                        n,
                        tally.delivered(),
                        tally.lost(),
                        tally.duplicated(),
                        peakRss,
                        before + " delivered before the "
                                + "kill; duplicates = requests unanswered at the kill (acks.log keeps acknowledged ones "
                                + "from being replayed)");
            }
        }
    }

    @Test
    void sigtermSpoolsWhatIsLeftReportsItAndExitsZero() throws Exception {
        int n = 1000;
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            intake.knobs().failNext(1_000_000, 503, Optional.empty());
            try (ForkedAgent agent = ForkedAgent.start(dir, "term", yaml(intake, "1s"))) {
                AgentHarness.sendTcp(agent.input, SeqLines.lines(0, n, 200));
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> agent.metric("logship_records_spooled_total") >= n);

                long start = System.nanoTime();
                int exit = agent.terminate(Duration.ofSeconds(30));

                assertThat(exit).isEqualTo(0);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
                assertThat(agent.output())
                        .contains("stopped: 0 records delivered in 0 batches, " + n
                                + " kept in the spool for the next start, 0 lost");
                FaultTable.row(
                        "SIGTERM while the intake answers 503 (spool on, grace 1 s)",
                        n,
                        0,
                        0,
                        0,
                        "exit 0; " + n + " kept in the spool; report line printed");
            }
        }
    }

    private Path spool() {
        return dir.resolve("spool");
    }

    @Test
    void sigtermWithoutASpoolWhileTheIntakeFailsReportsTheLossAndExitsThree() throws Exception {
        int n = 1000;
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            intake.knobs().failNext(1_000_000, 503, Optional.empty());
            String noSpool = yaml(intake, "1s").replaceAll("(?s)spool:.*", "");
            try (ForkedAgent agent = ForkedAgent.start(dir, "lost", noSpool)) {
                AgentHarness.sendTcp(agent.input, SeqLines.lines(0, n, 200));
                await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> agent.metric("logship_records_in_total") >= n);

                int exit = agent.terminate(Duration.ofSeconds(30));

                assertThat(exit).isEqualTo(3);
                assertThat(agent.output())
                        .as("the start block, logged once by the process")
                        .contains("logship agent ")
                        .contains("\n  sources:     logs[0] tcp 127.0.0.1:" + agent.input.getPort() + "\n")
                        .contains("\n  destination: " + intake.logsUrl() + "\n")
                        .contains("\n  data:        none: no spool.path, records wait in memory only\n")
                        .contains("\n  metrics:     http://127.0.0.1:" + agent.metricsPort + "/metrics");
                String stopLine = agent.output()
                        .lines()
                        .filter(l -> l.contains("stopped: "))
                        .findFirst()
                        .orElseThrow();
                assertThat(stopLine)
                        .as("no spool: not mentioned")
                        .endsWith("stopped: 0 records delivered in 0 batches, " + n + " lost (shutdown=" + n + "); " + n
                                + " read (exit code 3: records were lost at stop)");
            }
        }
    }

    private String yaml(LocalIntake intake, String grace) {
        return "hostname: forked-host\n"
                + "stop_grace_period: " + grace + "\n"
                + "intake:\n  url: " + intake.logsUrl() + "\n  max_in_flight: 2\n  timeout: 5s\n"
                + "retry:\n  base: 50ms\n  max: 1s\n"
                + "batch:\n  max_records: 100\n  max_bytes: 64KiB\n  max_wait: 50ms\n"
                + "spool:\n  path: " + spool() + "\n  max_bytes: 4MiB\n  fsync: every_batch\n";
    }
}
