package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchQueue;
import io.logship.agent.buffer.SpoolFeed;
import io.logship.agent.buffer.SpoolWriter;
import io.logship.agent.send.Delivery;
import io.logship.agent.send.SendCounters;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool writer on a disk that fills up: appends fail with the file named, the batches stay in memory, the queue
 * pauses the inputs, and once space is back every batch is spooled and handed out exactly once.
 */
class SpoolWriterDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void diskFullKeepsTheBatchesAppliesBackpressureAndLosesNothing() throws Exception {
        AtomicLong budget = new AtomicLong(20_000); // about ten batches fit, then "No space left on device"
        DiskSpool spool = DiskSpool.open(dir, SpoolConfig.of(1L << 20, FsyncPolicy.EVERY_BATCH, Duration.ofSeconds(1)),
                FailingChannel.opener(budget, new AtomicBoolean(), new AtomicBoolean()), System::nanoTime);
        AtomicInteger pauses = new AtomicInteger();
        AtomicInteger resumes = new AtomicInteger();
        BatchQueue queue = new BatchQueue(32 << 10, new BatchQueue.FlowListener() {
            @Override
            public void pause() {
                pauses.incrementAndGet();
            }

            @Override
            public void resume() {
                resumes.incrementAndGet();
            }
        });
        SendCounters counters = new SendCounters();
        SpoolFeed feed = new SpoolFeed(spool, counters);
        SpoolWriter writer = new SpoolWriter(queue, spool, feed, counters);
        Thread writerThread = new Thread(writer, "spool-writer-under-test");
        writerThread.start();
        try {
            int batches = 60;
            for (int b = 0; b < batches; b++) queue.offer(batch(b));

            await().atMost(Duration.ofSeconds(20)).until(() -> writer.appendsRefused() > 0 && pauses.get() == 1);
            assertThat(writer.isWaitingForSpace()).isTrue();
            assertThat(spool.stats().appendFailures()).isPositive();
            budget.set(Long.MAX_VALUE); // space is back

            List<Integer> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen.size() < batches && System.nanoTime() < deadline) {
                Delivery d = feed.poll(100, TimeUnit.MILLISECONDS);
                if (d == null) continue;
                String json = d.json().toString(StandardCharsets.UTF_8);
                seen.add(Integer.parseInt(json.replaceAll("\\D", "")));
                d.finished();
            }
            queue.close();
            writerThread.join(5000);

            assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.range(0, batches).boxed().toList());
            assertThat(resumes.get()).isEqualTo(1);
            assertThat(counters.recordsDropped()).isZero();
            assertThat(writer.recordsSpooled()).isEqualTo(batches);
            assertThat(spool.pending()).isEmpty();
            assertThat(feed.exhausted()).isTrue();
        } finally {
            queue.close();
            writerThread.interrupt();
            writerThread.join(5000);
            spool.close();
        }
    }

    private static Batch batch(int seq) {
        String json = "[{\"message\":\"" + "p".repeat(2000) + "\",\"seq\":" + seq + "}]";
        return new Batch(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), 1);
    }
}
