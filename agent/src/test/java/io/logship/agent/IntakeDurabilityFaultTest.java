package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault 1: the embedded intake answers 202 only for records committed to its store, so a {@code kill -9}
 * right after the agent counted them delivered loses none of them.
 */
@Tag("fault")
class IntakeDurabilityFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killMinus9AfterTheEmbeddedIntakeAnswered202KeepsEveryRecord() throws Exception {
        int n = 5000;
        Path data = dir.resolve("intake-data");
        int intakePort = FaultToleranceTest.freePort();
        // The default config: no intake URL, no API key, so the agent delivers to its embedded intake.
        String yaml = "hostname: forked-host\n" + "local_intake:\n  bind: 127.0.0.1\n  port: " + intakePort
                + "\n  path: " + data + "\n";
        long rss;
        try (ForkedAgent agent = ForkedAgent.start(dir, "durable", yaml)) {
            AgentHarness.sendTcp(agent.input, SeqLines.lines(0, n, 200));

            // Delivered = the intake answered 202 for the batch; nothing else has to happen before the kill.
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> agent.metric("logship_records_sent_total") >= n);
            rss = agent.peakRssKib();
            agent.kill();
            assertThat(agent.process.exitValue()).isEqualTo(137);
        }

        try (LocalIntake restarted =
                LocalIntake.start(LocalIntakeOptions.builder(data).port(0).build())) {
            SeqLines.Tally tally = SeqLines.tally(restarted, n);
            assertThat(restarted.count(RecordQuery.all())).isEqualTo(n);
            assertThat(tally.lost()).isZero();
            assertThat(tally.duplicated()).isZero();
            FaultTable.row(
                    "kill -9 of the agent right after its embedded intake answered 202 (default config), "
                            + "restart on the same data directory",
                    n,
                    tally.delivered(),
                    tally.lost(),
                    tally.duplicated(),
                    rss,
                    "202 = committed to H2 (WRITE_DELAY 0), so the store has every acknowledged record");
        }
    }
}
