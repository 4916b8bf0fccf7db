package io.logship.agent.sources;

import com.fasterxml.jackson.core.JsonFactory;
import io.logship.agent.batch.Batcher;
import io.logship.agent.batch.BatcherGroup;
import io.logship.agent.enrich.Enricher;
import io.logship.agent.enrich.SourceFields;
import io.logship.agent.metrics.SourceMeters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What happens to a line of one source: enrich it with the source's fields, then add it to the event loop's
 * batcher.
 *
 * <p>Threads: {@link #forLoop} gives a line consumer confined to one event loop (its enricher, scratch buffer and
 * batcher are that loop's), so the per-record path has no lock and no hand-off. Call {@code forLoop} when a channel
 * is set up, not per record.
 */
public final class SourcePipeline implements RecordSink {
    private static final int SCRATCH_INITIAL_BYTES = 4096;
    /**
     * The largest record sent, in bytes as sent (escaped): {@value}, the intake's single-log limit (Datadog
     * truncates longer logs at 1 MB). The framer's default 900,000-byte lines fit unless escaping grows them.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    private final SourceFields fields;
    private final int maxMessageBytes;
    private final int maxRecordBytes;
    private final BatcherGroup batchers;
    private final LongSupplier clockMillis;
    private final SourceMeters meters;
    private final BooleanSupplier dropping;
    private final Runnable onDropped;
    private final JsonFactory jsonFactory = new JsonFactory();
    private final ConcurrentHashMap<EventLoop, Consumer<ByteBuf>> perLoop = new ConcurrentHashMap<>();

    /**
     * @param fields the constant fields of this source's records
     * @param maxMessageBytes the framer's line limit for this source
     * @param batchers the agent's batchers (shared by all sources)
     * @param clockMillis the ingestion clock, epoch ms
     * @param meters this source's meters: records in (per record), bytes in and open connections (by the inputs)
     */
    public SourcePipeline(
            SourceFields fields,
            int maxMessageBytes,
            BatcherGroup batchers,
            LongSupplier clockMillis,
            SourceMeters meters) {
        this(fields, maxMessageBytes, batchers, clockMillis, meters, () -> false, () -> {});
    }

    /** As below, with records of at most {@link #MAX_RECORD_BYTES}. */
    public SourcePipeline(
            SourceFields fields,
            int maxMessageBytes,
            BatcherGroup batchers,
            LongSupplier clockMillis,
            SourceMeters meters,
            BooleanSupplier dropping,
            Runnable onDropped) {
        this(fields, maxMessageBytes, MAX_RECORD_BYTES, batchers, clockMillis, meters, dropping, onDropped);
    }

    /**
     * The record limit for batches of at most {@code batchMaxBytes}: a record must fit in a batch alone (with the
     * array's brackets) and in the intake's single-log limit.
     */
    public static int maxRecordBytes(long batchMaxBytes) {
        return (int) Math.min(MAX_RECORD_BYTES, batchMaxBytes - 2);
    }

    /**
     * As above, with {@code when_full: drop_newest}: while {@code dropping} is true each new record is released
     * unread and reported to {@code onDropped} (one volatile read per record). A record longer than
     * {@code maxRecordBytes} as sent is chunked by the enricher (see {@link #maxRecordBytes(long)}).
     */
    public SourcePipeline(
            SourceFields fields,
            int maxMessageBytes,
            int maxRecordBytes,
            BatcherGroup batchers,
            LongSupplier clockMillis,
            SourceMeters meters,
            BooleanSupplier dropping,
            Runnable onDropped) {
        this.maxRecordBytes = maxRecordBytes;
        this.dropping = Objects.requireNonNull(dropping, "dropping");
        this.onDropped = Objects.requireNonNull(onDropped, "onDropped");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.maxMessageBytes = maxMessageBytes;
        this.batchers = Objects.requireNonNull(batchers, "batchers");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** This source's meters. */
    @Override
    public SourceMeters meters() {
        return meters;
    }

    /**
     * The consumer of lines on {@code loop}: takes ownership of each line (releases it), enriches it and adds it to
     * the loop's batch. Use only from {@code loop}.
     */
    @Override
    public Consumer<ByteBuf> forLoop(EventLoop loop) {
        return perLoop.computeIfAbsent(loop, this::newConsumer);
    }

    /**
     * What an input runs after each read on {@code loop}, before it reads more: the records added since are
     * written ahead when a spool is configured ({@link Batcher#persist()}), nothing otherwise. Use only from
     * {@code loop}.
     */
    @Override
    public Runnable persisterForLoop(EventLoop loop) {
        return batchers.forLoop(loop)::persist;
    }

    @Override
    public void whenDurable(EventLoop loop, Runnable durable) {
        batchers.forLoop(loop).whenDurable(durable);
    }

    private Consumer<ByteBuf> newConsumer(EventLoop loop) {
        Enricher enricher = new Enricher(
                fields,
                clockMillis,
                jsonFactory,
                maxRecordBytes,
                meters.reencodedNesting::increment,
                meters.reencodedSize::increment);
        Batcher batcher = batchers.forLoop(loop);
        Consumer<ByteBuf> toBatch = batcher::add;
        // Not leak-tracked on purpose: it lives as long as the agent, and it is plain heap memory.
        ByteBuf scratch =
                new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, SCRATCH_INITIAL_BYTES, Integer.MAX_VALUE);
        return line -> {
            meters.recordsIn.increment(); // a striped adder: no lock shared by the event loops
            if (dropping.getAsBoolean()) {
                line.release();
                onDropped.run();
                return;
            }
            try {
                int records = enricher.enrich(line, scratch, toBatch);
                // A line sent as several chunks counts as that many records, so read = delivered + kept + lost.
                if (records > 1) {
                    meters.recordsIn.increment(records - 1);
                }
            } finally {
                scratch.clear();
                line.release();
            }
        };
    }
}
