package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.config.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolConcurrencyTest {
    private static final int BATCHES = 2_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oneAppenderAndOneAcknowledgerLoseNothingAndLeaveNoSegments() throws Exception {
        SpoolConfig config = new SpoolConfig(64 * 1024, 4096, FsyncPolicy.INTERVAL, Duration.ofMillis(5));
        DiskSpool spool = DiskSpool.open(dir, config);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> appender = threads.submit(() -> {
                int fullAnswers = 0;
                for (int i = 0; i < BATCHES; ) {
                    AppendResult result = spool.append(new byte[200], i, 0);
                    if (result.isAppended()) {
                        i++;
                    } else if (result.status() == AppendResult.Status.FULL) {
                        fullAnswers++; // backpressure: try again
                    } else {
                        throw new AssertionError("unexpected " + result);
                    }
                }
                return fullAnswers;
            });
            Future<Set<Integer>> acknowledger = threads.submit(() -> {
                Set<Integer> seen = new HashSet<>();
                while (seen.size() < BATCHES) {
                    for (SpoolEntry entry : spool.pending()) {
                        if (spool.acknowledge(entry.id())) {
                            assertThat(seen.add(entry.recordCount())).isTrue();
                        }
                    }
                }
                return seen;
            });

            appender.get(20, TimeUnit.SECONDS);
            Set<Integer> acknowledged = acknowledger.get(20, TimeUnit.SECONDS);

            assertThat(acknowledged).hasSize(BATCHES);
            assertThat(spool.pending()).isEmpty();
        } finally {
            threads.shutdownNow();
            spool.close();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".spool"))).isEmpty();
        }
    }
}
