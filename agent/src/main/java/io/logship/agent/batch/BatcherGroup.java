package io.logship.agent.batch;

import io.logship.config.BatchLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One {@link Batcher} per event loop, created on first use, all feeding the same sink.
 *
 * <p>Thread-safe. {@link #forLoop} is meant to be called when a channel is set up, not per record.
 */
public final class BatcherGroup {
    private final BatchLimits limits;
    private final ByteBufAllocator alloc;
    private final Function<EventExecutor, BatchSink> sinks;
    private final LongAdder droppedOversize = new LongAdder();
    private final Runnable onOversizeDrop;
    private final ConcurrentHashMap<EventExecutor, Batcher> batchers = new ConcurrentHashMap<>();

    /**
     * @param limits the limits of every batcher
     * @param alloc allocates batch buffers
     * @param sink receives each finished batch (called on the event loops; must not block)
     * @param onOversizeDrop also told of each record too big for any batch (e.g. a metrics counter); must not block
     */
    public BatcherGroup(BatchLimits limits, ByteBufAllocator alloc, Consumer<Batch> sink, Runnable onOversizeDrop) {
        this(limits, alloc, loop -> (BatchSink) Objects.requireNonNull(sink, "sink")::accept, onOversizeDrop);
    }

    /**
     * As above, with one sink per event loop, made by {@code sinks} when the loop's batcher is created (e.g. a
     * spool writer with its own write-ahead journal).
     */
    public BatcherGroup(
            BatchLimits limits,
            ByteBufAllocator alloc,
            Function<EventExecutor, BatchSink> sinks,
            Runnable onOversizeDrop) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.onOversizeDrop = Objects.requireNonNull(onOversizeDrop, "onOversizeDrop");
    }

    /** The batcher confined to {@code loop}; use it only from that loop. */
    public Batcher forLoop(EventExecutor loop) {
        return batchers.computeIfAbsent(
                loop, l -> new Batcher(limits, alloc, l, sinks.apply(l), this::oversizeDropped));
    }

    private void oversizeDropped() {
        droppedOversize.increment();
        onOversizeDrop.run();
    }

    /** Records dropped because they were larger than any batch may be. */
    public long droppedOversize() {
        return droppedOversize.sum();
    }

    /**
     * Flushes every batcher on its own event loop and waits for it.
     *
     * @return true if all flushed within the timeout
     */
    public boolean flushAll(Duration timeout) throws InterruptedException {
        List<Future<?>> done = new ArrayList<>();
        batchers.forEach((loop, batcher) -> {
            if (!loop.isShuttingDown()) {
                done.add(loop.submit(batcher::flush));
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> f : done) {
            if (!f.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
