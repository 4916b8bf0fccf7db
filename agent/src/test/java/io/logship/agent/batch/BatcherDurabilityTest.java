package io.logship.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.config.BatchLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Batcher#whenDurable}: how a source learns that the records it gave are spooled or delivered. */
class BatcherDurabilityTest {
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final List<Batch> batches = new ArrayList<>();

    @AfterEach
    void release() {
        batches.forEach(b -> {
            if (b.json().refCnt() > 0) {
                b.release();
            }
        });
        loop.finishAndReleaseAll();
    }

    @Test
    void withoutASpoolRecordsAreDurableOnceEveryBatchHoldingThemIsFinished() {
        Batcher batcher = new Batcher(
                new BatchLimits(2, 1_000, Duration.ofSeconds(5)),
                ByteBufAllocator.DEFAULT,
                loop.eventLoop(),
                batches::add,
                () -> {});
        AtomicInteger durable = new AtomicInteger();
        add(batcher, "{\"a\":1}");
        add(batcher, "{\"a\":2}");
        add(batcher, "{\"a\":3}"); // the first batch (2 records) left; the second is open

        batcher.whenDurable(durable::incrementAndGet);
        batcher.flush();
        batches.get(1).finish();

        assertThat(durable).hasValue(0); // the first batch is not finished yet
        batches.get(0).finish();
        assertThat(durable).hasValue(1);
    }

    @Test
    void recordsInAnAbandonedBatchNeverBecomeDurable() {
        Batcher batcher = new Batcher(
                new BatchLimits(10, 1_000, Duration.ofSeconds(5)),
                ByteBufAllocator.DEFAULT,
                loop.eventLoop(),
                batches::add,
                () -> {});
        AtomicInteger durable = new AtomicInteger();
        add(batcher, "{\"a\":1}");

        batcher.whenDurable(durable::incrementAndGet);
        batcher.flush();
        batches.get(0).release(); // abandoned at stop

        assertThat(durable).hasValue(0);
    }

    @Test
    void withASinkThatWritesAheadRecordsAreDurableAtOnce() {
        List<Integer> persisted = new ArrayList<>();
        BatchSink writesAhead = new BatchSink() {
            @Override
            public void persist(ByteBuf json, int from, int records) {
                persisted.add(records);
            }

            @Override
            public boolean writesAhead() {
                return true;
            }

            @Override
            public void accept(Batch batch) {
                batches.add(batch);
            }
        };
        Batcher batcher = new Batcher(
                new BatchLimits(10, 1_000, Duration.ofSeconds(5)),
                ByteBufAllocator.DEFAULT,
                loop.eventLoop(),
                writesAhead,
                () -> {});
        AtomicInteger durable = new AtomicInteger();
        add(batcher, "{\"a\":1}");

        batcher.whenDurable(durable::incrementAndGet);

        assertThat(persisted).containsExactly(1);
        assertThat(durable).hasValue(1);
        batcher.flush();
    }

    @Test
    void nothingGivenYetIsDurableAtOnce() {
        Batcher batcher =
                new Batcher(BatchLimits.defaults(), ByteBufAllocator.DEFAULT, loop.eventLoop(), batches::add, () -> {});
        AtomicInteger durable = new AtomicInteger();

        batcher.whenDurable(durable::incrementAndGet);

        assertThat(durable).hasValue(1);
    }

    private static void add(Batcher batcher, String record) {
        ByteBuf buf = Unpooled.copiedBuffer(record, StandardCharsets.UTF_8);
        try {
            batcher.add(buf);
        } finally {
            buf.release();
        }
    }
}
