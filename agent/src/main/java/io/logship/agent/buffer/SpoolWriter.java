package io.logship.agent.buffer;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchQueue;
import io.logship.agent.buffer.spool.AppendResult;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.buffer.spool.FsyncPolicy;
import io.logship.agent.send.QueueSource;
import io.logship.agent.send.SendCounters;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool writer thread: takes batches from the in-memory {@link BatchQueue} and appends them to the
 * {@link DiskSpool} before they are sent; the senders then read them back through the {@link SpoolFeed}.
 *
 * <p>When the spool answers {@code FULL} (the intake is behind) or {@code FAILED} (disk full, unwritable
 * directory), the batch is kept and the append retried, every {@value #FULL_RETRY_MILLIS} ms or as soon as an
 * entry is acknowledged, resp. every {@value #FAILED_RETRY_MILLIS} ms: meanwhile the queue fills up and the inputs
 * stop reading (backpressure). Nothing is dropped. The error is logged with the file named, at most once every
 * {@value #LOG_EVERY_SECONDS} s. A batch that can never fit ({@code TOO_LARGE}) is delivered from memory instead.
 *
 * <p>Under {@code fsync: interval} the writer also forces the spool to disk every interval while it appends.
 *
 * <p>Threads: one thread of its own (disk I/O never runs on an event loop). Holds at most one batch outside the
 * queue, so memory stays bounded by the queue's bound plus one batch.
 *
 * <p>Stopping: it ends when the queue is closed and empty; if interrupted instead (the grace period ended while the
 * spool was full or failing), the batch it holds is lost and counted as {@link SendCounters#SHUTDOWN}.
 */
public final class SpoolWriter implements Runnable {
    /** Wait before retrying an append refused as full, unless an acknowledgement comes first: {@value} ms. */
    static final long FULL_RETRY_MILLIS = 100;
    /** Wait before retrying an append that failed (disk full, I/O error): {@value} ms. */
    static final long FAILED_RETRY_MILLIS = 500;
    /** At most one error line per this many seconds: {@value}. */
    static final long LOG_EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWriter.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    private final BatchQueue queue;
    private final DiskSpool spool;
    private final SpoolFeed feed;
    private final SendCounters counters;
    private final long syncEveryNanos;
    private final LongAdder recordsSpooled = new LongAdder();
    private final LongAdder appendsRefused = new LongAdder();
    private volatile boolean waitingForSpace;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;
    private long nextLogNanos = System.nanoTime();

    /**
     * @param queue where batches come from (the batchers fill it)
     * @param spool where they go
     * @param feed told about each append; hands the entries to the senders
     * @param counters where a batch lost at stop is counted
     */
    public SpoolWriter(BatchQueue queue, DiskSpool spool, SpoolFeed feed, SendCounters counters) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.syncEveryNanos = spool.config().fsync() == FsyncPolicy.INTERVAL
                ? spool.config().fsyncInterval().toNanos() : Long.MAX_VALUE;
    }

    @Override
    public void run() {
        Batch held = null;
        try {
            while (true) {
                if (held == null) {
                    held = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                    if (held == null) {
                        syncIfDue();
                        if (queue.isClosed() && queue.queuedBytes() == 0) return;
                        continue;
                    }
                }
                if (append(held)) held = null;
                syncIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException closed) {
            LOG.warn("the spool {} was closed before its writer stopped", spool.directory());
        } finally {
            if (held != null) {
                counters.dropped(SendCounters.SHUTDOWN, held.records());
                held.release();
            }
            syncNow();
            feed.writerDone();
        }
    }

    /** @return true if the batch left our hands (spooled, or handed over in memory) */
    private boolean append(Batch batch) throws InterruptedException {
        AppendResult result = spool.append(batch.json().nioBuffer(), batch.records(), 0);
        switch (result.status()) {
            case APPENDED:
                waitingForSpace = false;
                recordsSpooled.add(batch.records());
                unsynced = true;
                batch.release();
                feed.appended();
                return true;
            case TOO_LARGE:
                log("a batch of {} bytes can never fit in the spool {}: it is sent from memory", batch.bytes(),
                        spool.directory());
                feed.offerUnspooled(QueueSource.inMemory(batch));
                return true;
            case FULL:
                waitingForSpace = true;
                appendsRefused.increment();
                log("spool {} is full ({} bytes): inputs wait until the intake takes batches", spool.directory(),
                        spool.sizeBytes());
                feed.awaitChange(FULL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return false;
            default: // FAILED
                waitingForSpace = true;
                appendsRefused.increment();
                log("cannot spool a batch of {} records, keeping it in memory and retrying: {}", batch.records(),
                        String.valueOf(result.error() != null ? result.error().getMessage() : "unknown error"));
                TimeUnit.MILLISECONDS.sleep(FAILED_RETRY_MILLIS);
                return false;
        }
    }

    private long pollMillis() {
        return syncEveryNanos == Long.MAX_VALUE ? 1000 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(syncEveryNanos));
    }

    private void syncIfDue() {
        if (unsynced && System.nanoTime() - lastSyncNanos >= syncEveryNanos) syncNow();
    }

    private void syncNow() {
        if (!unsynced) return;
        try {
            spool.sync();
            unsynced = false;
        } catch (java.io.IOException | IllegalStateException e) {
            log("cannot fsync the spool {}: {}", spool.directory(), e.getMessage());
        }
        lastSyncNanos = System.nanoTime();
    }

    private void log(String format, Object a, Object b) {
        long now = System.nanoTime();
        if (now - nextLogNanos < 0) return;
        nextLogNanos = now + LOG_EVERY_NANOS;
        LOG.error(format, a, b);
    }

    /** Records appended to the spool since start. */
    public long recordsSpooled() {
        return recordsSpooled.sum();
    }

    /** Appends refused (spool full or failing) since start; each is retried. */
    public long appendsRefused() {
        return appendsRefused.sum();
    }

    /** True while the last append was refused: the spool is full or failing and the inputs back up. */
    public boolean isWaitingForSpace() {
        return waitingForSpace;
    }
}
