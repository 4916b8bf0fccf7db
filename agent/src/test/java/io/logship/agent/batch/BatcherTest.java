package io.logship.agent.batch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.config.BatchLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final List<Batch> batches = new ArrayList<>();
    private final LongAdder dropped = new LongAdder();
    private final List<Batcher> created = new ArrayList<>();

    @AfterEach
    void releaseBatches() {
        created.forEach(Batcher::flush);
        batches.forEach(Batch::release);
        loop.finishAndReleaseAll();
    }

    @Test
    void flushesAtMaxRecords() throws Exception {
        Batcher batcher = batcher(new BatchLimits(3, 1_000, Duration.ofSeconds(5)));

        for (int i = 0; i < 7; i++) {
            add(batcher, "{\"i\":" + i + "}");
        }

        assertThat(batches).extracting(Batch::records).containsExactly(3, 3);
        assertThat(json(batches.get(0))).isEqualTo("[{\"i\":0},{\"i\":1},{\"i\":2}]");
        assertThat(batcher.pendingRecords()).isEqualTo(1);
    }

    @Test
    void defaultLimitsCloseABatchAtOneThousandRecords() throws Exception {
        Batcher batcher = batcher(BatchLimits.defaults());

        for (int i = 0; i < 1001; i++) {
            add(batcher, "{}");
        }

        assertThat(batches).extracting(Batch::records).containsExactly(1000);
        assertThat(new ObjectMapper().readTree(json(batches.get(0))).size()).isEqualTo(1000);
    }

    @Test
    void batchExactlyAtByteLimitIsKeptAndOneMoreByteStartsANewBatch() throws Exception {
        // two records of 10 bytes: [ + 10 + , + 10 + ] = 23 bytes
        Batcher atLimit = batcher(new BatchLimits(1000, 23, Duration.ofSeconds(5)));
        add(atLimit, "{\"a\":\"xx\"}");
        add(atLimit, "{\"b\":\"yy\"}");
        add(atLimit, "{}");
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).bytes()).isEqualTo(23);
        assertThat(batches.get(0).records()).isEqualTo(2);
        batches.forEach(Batch::release);
        batches.clear();

        Batcher onePast = batcher(new BatchLimits(1000, 22, Duration.ofSeconds(5)));
        add(onePast, "{\"a\":\"xx\"}");
        add(onePast, "{\"b\":\"yy\"}");

        assertThat(batches).extracting(Batch::records).containsExactly(1);
        assertThat(onePast.pendingRecords()).isEqualTo(1);
    }

    @Test
    void defaultByteLimitIsFiveMillionBytesOfArray() throws Exception {
        Batcher batcher = batcher(BatchLimits.defaults());
        // 5 records of 999,998 bytes + 4 commas + 2 brackets = 4,999,996; a 3-byte record fits exactly.
        String big = "{\"m\":\"" + "x".repeat(999_998 - 8) + "\"}";
        for (int i = 0; i < 5; i++) {
            add(batcher, big);
        }
        add(batcher, "{ }");
        add(batcher, "{}");

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).bytes()).isEqualTo(5_000_000);
        assertThat(batches.get(0).records()).isEqualTo(6);
    }

    @Test
    void recordLargerThanAnyBatchIsDroppedAndCounted() throws Exception {
        Batcher batcher = batcher(new BatchLimits(1000, 12, Duration.ofSeconds(5)));

        add(batcher, "{\"a\":\"xxx\"}"); // 11 bytes + 2 brackets = 13 > 12
        add(batcher, "{\"a\":\"xx\"}"); // 10 + 2 = 12: fits exactly

        assertThat(dropped.sum()).isEqualTo(1);
        batcher.flush();
        assertThat(batches).extracting(this::json).containsExactly("[{\"a\":\"xx\"}]");
    }

    @Test
    void flushesAfterMaxWait() throws Exception {
        Batcher batcher = batcher(new BatchLimits(1000, 1_000, Duration.ofSeconds(5)));
        add(batcher, "{}");

        loop.advanceTimeBy(4_999, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        assertThat(batches).isEmpty();
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();

        assertThat(batches).extracting(this::json).containsExactly("[{}]");
    }

    @Test
    void timerOfAnEarlierBatchDoesNotFlushAYoungerOne() throws Exception {
        Batcher batcher = batcher(new BatchLimits(1, 1_000, Duration.ofSeconds(5)));
        add(batcher, "{\"n\":1}");
        loop.advanceTimeBy(3, TimeUnit.SECONDS);
        add(batcher, "{\"n\":2}"); // flushes batch 1, opens batch 2

        loop.advanceTimeBy(2, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();
        assertThat(batches).hasSize(1);
        loop.advanceTimeBy(3, TimeUnit.SECONDS);
        loop.runScheduledPendingTasks();

        assertThat(batches).extracting(this::json).containsExactly("[{\"n\":1}]", "[{\"n\":2}]");
    }

    @Test
    void flushWithNothingPendingSendsNothing() {
        Batcher batcher = batcher(BatchLimits.defaults());

        batcher.flush();

        assertThat(batches).isEmpty();
    }

    @Test
    void limitsRejectImpossibleValues() {
        assertThatThrownBy(() -> new BatchLimits(0, 10, Duration.ofSeconds(1))).hasMessage("maxRecords must be > 0: 0");
        assertThatThrownBy(() -> new BatchLimits(1, 2, Duration.ofSeconds(1)))
                .hasMessage("maxBytes must be in 3.." + (Integer.MAX_VALUE - 8) + ": 2");
        assertThatThrownBy(() -> new BatchLimits(1, 10, Duration.ZERO)).hasMessage("maxWait must be > 0: PT0S");
    }

    private Batcher batcher(BatchLimits limits) {
        Batcher batcher =
                new Batcher(limits, ByteBufAllocator.DEFAULT, loop.eventLoop(), batches::add, dropped::increment);
        created.add(batcher);
        return batcher;
    }

    private static void add(Batcher batcher, String record) {
        ByteBuf buf = Unpooled.copiedBuffer(record, UTF_8);
        try {
            batcher.add(buf);
        } finally {
            buf.release();
        }
    }

    private String json(Batch batch) {
        return batch.json().toString(UTF_8);
    }
}
