package io.logship.agent.batch;

import io.logship.agent.metrics.LogLimiter;
import io.logship.config.BatchLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects records into a JSON array and hands each finished {@link Batch} to a sink.
 *
 * <p>A batch leaves when the next record would take it past {@link BatchLimits#maxRecords()} or
 * {@link BatchLimits#maxBytes()} (counted on the whole array: brackets, commas and records), when its first record
 * has waited {@link BatchLimits#maxWait()}, or on {@link #flush()}. A record too big for an empty batch
 * ({@code record + 2 > maxBytes}) can never be sent: it is dropped, reported to {@code onOversizeDrop}, and logged
 * at most once per {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s.
 *
 * <p>Threads: confined to one event loop ({@code executor}), which also runs the max-wait timer. One batcher per
 * event loop serves all connections on it: records are never handed between threads, only whole batches.
 *
 * <p>Ownership: {@link #add} copies the record's bytes and does not release it; the sink owns each batch.
 */
public final class Batcher {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final BatchLimits limits;
    private final ByteBufAllocator alloc;
    private final EventExecutor executor;
    private final BatchSink sink;
    private final Runnable onOversizeDrop;
    private long droppedOversize;

    private ByteBuf json;
    private int records;
    /** Bytes and records of the open batch already given to {@link BatchSink#persist}. */
    private int persistedBytes;

    private int persistedRecords;
    /** Identifies the open batch, so a timer set for an earlier batch does not flush a younger one. */
    private long batchNumber;
    /** Size of the last batch: the next starts with that capacity, so it rarely grows (each growth copies). */
    private int lastBatchBytes = INITIAL_CAPACITY;

    private final LogLimiter oversizeLog = new LogLimiter();
    /** Which batches reached a final state, for {@link #whenDurable}; shared with the sender threads. */
    private final FinishedBatches finished = new FinishedBatches();

    /**
     * @param limits when a batch leaves
     * @param alloc allocates batch buffers (direct buffers suit the compressors)
     * @param executor the event loop this batcher is confined to; runs the max-wait timer
     * @param sink receives each finished batch and owns it from then on; told of records as they arrive
     *     ({@link #persist()})
     * @param onOversizeDrop called for each record too big for any batch (it counts it), on the event loop
     */
    public Batcher(
            BatchLimits limits,
            ByteBufAllocator alloc,
            EventExecutor executor,
            BatchSink sink,
            Runnable onOversizeDrop) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.onOversizeDrop = Objects.requireNonNull(onOversizeDrop, "onOversizeDrop");
    }

    /**
     * Adds one record (a JSON object); may hand the previous batch to the sink first.
     *
     * @param record the record's bytes (readable region); copied, not released
     */
    public void add(ByteBuf record) {
        int size = record.readableBytes();
        if (size + 2L > limits.maxBytes()) {
            dropOversize(size);
            return;
        }
        // The array grows by a comma, the record and (at the end) its closing bracket.
        boolean full = json != null
                && (records == limits.maxRecords() || json.readableBytes() + 1L + size + 1 > limits.maxBytes());
        if (full) {
            flush();
        }
        if (json == null) {
            json = alloc.directBuffer((int) Math.min(lastBatchBytes, limits.maxBytes()), (int) limits.maxBytes());
            json.writeByte('[');
            batchNumber++;
        } else {
            json.writeByte(',');
        }
        json.writeBytes(record, record.readerIndex(), size);
        if (++records == 1) {
            long scheduledFor = batchNumber;
            executor.schedule(
                    () -> flushIfStillOpen(scheduledFor), limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Gives the records added since the last call to the sink's {@link BatchSink#persist}. The inputs call it after
     * each read, before they read more. Call on the batcher's event loop.
     */
    public void persist() {
        if (json == null || json.writerIndex() == persistedBytes) {
            return;
        }
        int from = persistedBytes;
        int added = records - persistedRecords;
        persistedBytes = json.writerIndex();
        persistedRecords = records;
        sink.persist(json, from, added);
    }

    /** Hands the open batch, if any, to the sink. Call on the batcher's event loop. */
    public void flush() {
        if (json == null) {
            return;
        }
        persist();
        persistedBytes = 0;
        persistedRecords = 0;
        ByteBuf full = json.writeByte(']');
        lastBatchBytes = Math.max(INITIAL_CAPACITY, full.readableBytes());
        int count = records;
        json = null;
        records = 0;
        long number = batchNumber;
        sink.accept(new Batch(full, count, () -> finished.finished(number)));
    }

    /**
     * Runs {@code durable} once every record added so far is durable: at once after {@link #persist()} when the
     * sink writes ahead ({@link BatchSink#writesAhead()}), else once every batch holding them reached a final state
     * ({@link Batch#finish()}). Never if they are lost. Call on the batcher's event loop; {@code durable} may run
     * on a sender thread.
     */
    public void whenDurable(Runnable durable) {
        if (sink.writesAhead()) {
            persist();
            durable.run();
            return;
        }
        // The open batch (if it has records) is batchNumber; else every record is in batches up to batchNumber.
        finished.whenUpTo(batchNumber, durable);
    }

    /** Records in the open batch. */
    public int pendingRecords() {
        return records;
    }

    private void flushIfStillOpen(long scheduledFor) {
        // A timer of an earlier batch may find a younger batch (or none): that one has its own timer.
        if (json != null && batchNumber == scheduledFor) {
            flush();
        }
    }

    private void dropOversize(int size) {
        droppedOversize++;
        onOversizeDrop.run();
        if (oversizeLog.mayLog()) {
            LOG.warn(
                    "dropped a record of {} bytes: larger than the batch limit of {} bytes with its brackets "
                            + "({} such records on this event loop since start)",
                    size,
                    limits.maxBytes(),
                    droppedOversize);
        }
    }
}
