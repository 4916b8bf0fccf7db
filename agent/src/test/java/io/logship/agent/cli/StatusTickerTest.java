package io.logship.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StatusTickerTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> printed = new CopyOnWriteArrayList<>();

    /** Snapshots 10 s apart: 1000 more records in and 900 more out each time, 3 drops in the second interval. */
    private static Supplier<StatusLine.Snapshot> tenSecondsApart(long spoolBytes) {
        AtomicInteger i = new AtomicInteger();
        return () -> {
            int n = i.getAndIncrement();
            return new StatusLine.Snapshot(
                    n * 10 * SECOND, n * 10_000L, n * 9_000L, 16L << 20, 64L << 20, spoolBytes, n >= 2 ? 3 : 0);
        };
    }

    @Test
    void onATerminalEachTickPrintsRatesBufferSpoolAndDropsSinceTheLastLine() {
        try (StatusTicker ticker =
                StatusTicker.startIf(true, Duration.ofHours(1), tenSecondsApart(4096), printed::add)) {
            ticker.tick();
            ticker.tick();
            ticker.tick();
        }

        assertThat(printed)
                .containsExactly(
                        "status: 1000 records/s in, 900 records/s out, buffer 25%, spool 4096 bytes,"
                                + " 0 records dropped since the last line",
                        "status: 1000 records/s in, 900 records/s out, buffer 25%, spool 4096 bytes,"
                                + " 3 records dropped since the last line",
                        "status: 1000 records/s in, 900 records/s out, buffer 25%, spool 4096 bytes,"
                                + " 0 records dropped since the last line");
    }

    @Test
    void withoutASpoolTheLineSaysSo() {
        try (StatusTicker ticker = StatusTicker.startIf(true, Duration.ofHours(1), tenSecondsApart(-1), printed::add)) {
            ticker.tick();
        }

        assertThat(printed).singleElement().asString().contains(", no spool, ");
    }

    @Test
    void onATerminalTheLineComesEveryPeriod() {
        try (StatusTicker ignored =
                StatusTicker.startIf(true, Duration.ofMillis(20), tenSecondsApart(0), printed::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() >= 2);
        }
        assertThat(printed).allSatisfy(line -> assertThat(line).startsWith("status: 1000 records/s in"));
    }

    @Test
    void offATerminalNothingIsPrintedEvenWhenTicked() {
        try (StatusTicker ticker =
                StatusTicker.startIf(false, Duration.ofMillis(1), tenSecondsApart(0), printed::add)) {
            ticker.tick();
        }

        assertThat(printed).isEmpty();
    }
}
