package io.logship.agent.batch;

import io.logship.config.BatchLimits;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes-bounded hand-off between the batchers (event loops) and the senders (worker threads).
 *
 * <p>Bound and backpressure: when the queued batches reach {@code maxBytes} (uncompressed) the queue calls
 * {@link FlowListener#pause()}, and the inputs stop reading; once senders have drained it to half of that it calls
 * {@link FlowListener#resume()}. {@link #offer} itself never blocks (it runs on an event loop) and never refuses an
 * open queue: batches that were already being built when the pause began still get in, so the queue can exceed
 * {@code maxBytes} by what the batchers hold then, at most one batch ({@link BatchLimits#maxBytes()}) per event
 * loop plus the records of one read per connection.
 *
 * <p>Thread-safe; one lock, taken once per batch (never per record).
 *
 * <p>Pitfalls: the listener is called with the lock held, so it must not block or call back into the queue.
 */
public final class BatchQueue {
    /** Queued uncompressed bytes that pause the inputs: {@value} (64 MiB, the {@code buffer.max_bytes} default). */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    /** Told when the inputs must stop reading, and when they may read again. */
    public interface FlowListener {
        /** The queue is full: stop reading. Must not block. */
        void pause();

        /** The queue drained to half: read again. Must not block. */
        void resume();
    }

    private final long maxBytes;
    private final FlowListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long queuedBytes;
    private boolean paused;
    private boolean closed;

    /**
     * @param maxBytes queued uncompressed bytes at which inputs are paused, {@code > 0}
     * @param listener pauses and resumes the inputs
     */
    public BatchQueue(long maxBytes, FlowListener listener) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Queues a batch; never blocks.
     *
     * @return false if the queue is closed: the batch was released and is lost (only during shutdown)
     */
    public boolean offer(Batch batch) {
        lock.lock();
        try {
            if (closed) {
                batch.release();
                return false;
            }
            batches.addLast(batch);
            queuedBytes += batch.bytes();
            if (!paused && queuedBytes >= maxBytes) {
                paused = true;
                listener.pause();
            }
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest batch, waiting up to the timeout.
     *
     * @return the batch (the caller owns it), or null on timeout or when the queue is closed and empty
     * @throws InterruptedException if interrupted while waiting
     */
    public Batch poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (batches.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Batch batch = batches.removeFirst();
            queuedBytes -= batch.bytes();
            if (paused && queuedBytes <= maxBytes / 2) {
                paused = false;
                listener.resume();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further batches and wakes waiting takers; batches already queued can still be polled. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every queued batch; returns how many records were discarded. For a bounded shutdown only. */
    public int discard() {
        lock.lock();
        try {
            int records = 0;
            for (Batch b; (b = batches.pollFirst()) != null; ) {
                records += b.records();
                b.release();
            }
            queuedBytes = 0;
            return records;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }
}
