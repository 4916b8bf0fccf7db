package io.logship.agent.buffer;

import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.buffer.spool.SpoolCorruptException;
import io.logship.agent.buffer.spool.SpoolEntry;
import io.logship.agent.destinations.Delivery;
import io.logship.agent.destinations.DeliverySource;
import io.logship.agent.destinations.SendCounters;
import io.logship.agent.metrics.DropReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The senders' source when a spool is configured: hands out the spool's pending entries oldest first (entries
 * replayed from a previous run come first), each to one sender at a time, and acknowledges an entry once its
 * delivery is finished (2xx or a counted permanent drop) so its disk space can be reused.
 *
 * <p>An entry whose checksum fails when it is read back is dropped, counted as {@link SendCounters#SPOOL_CORRUPT}
 * and acknowledged: it never stops the senders. A batch the spool can never hold ({@code TOO_LARGE}) is handed
 * over in memory instead ({@link #offerUnspooled}), ahead of the spool's entries.
 *
 * <p>An abandoned delivery (the agent stops) stays pending on disk and is sent after the next start.
 *
 * <p>Thread-safe: one lock for the hand-out state, taken once per batch. Reading an entry does disk I/O on the
 * sender's thread, never on an event loop.
 */
public final class SpoolFeed implements DeliverySource {
    /** Pause before an entry that could not be read for a passing reason is tried again: {@value} ms. */
    static final long READ_RETRY_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(SpoolFeed.class);

    private final DiskSpool spool;
    private final SendCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Long> inFlight = new HashSet<>();
    private final ArrayDeque<Delivery> unspooled = new ArrayDeque<>();
    private boolean appendsDone;
    /** Only the sender threads that hit a read error touch it; a lost update costs one log line. */
    private volatile long nextReadErrorLogNanos = System.nanoTime();

    /**
     * @param spool the opened spool (its pending entries are handed out first)
     * @param counters where unreadable entries are counted
     */
    public SpoolFeed(DiskSpool spool, SendCounters counters) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    @Override
    public Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        while (true) {
            SpoolEntry entry;
            lock.lock();
            try {
                while (true) {
                    Delivery direct = unspooled.pollFirst();
                    if (direct != null) {
                        return direct;
                    }
                    entry = nextUnhanded();
                    if (entry != null) {
                        inFlight.add(entry.id());
                        break;
                    }
                    if (appendsDone || nanos <= 0) {
                        return null;
                    }
                    nanos = changed.awaitNanos(nanos);
                }
            } finally {
                lock.unlock();
            }
            Delivery delivery = read(entry);
            if (delivery != null) {
                return delivery;
            }
        }
    }

    /**
     * Reads an entry back; null if it cannot be sent now: a corrupt entry is dropped, counted and acknowledged; one
     * that could not be read for a passing reason (descriptors exhausted, an I/O error) goes back to the pending ones
     * and is retried after {@value #READ_RETRY_MILLIS} ms; after the spool closed it simply stays on disk.
     */
    private Delivery read(SpoolEntry entry) throws InterruptedException {
        try {
            byte[] bytes = spool.read(entry);
            return new Spooled(entry, Unpooled.wrappedBuffer(bytes));
        } catch (SpoolCorruptException e) {
            counters.dropped(DropReason.SPOOL_CORRUPT, entry.recordCount());
            LOG.error("dropped spool entry {} ({} records): {}", entry.id(), entry.recordCount(), e.getMessage());
            finish(entry.id());
            return null;
        } catch (IOException e) {
            release(entry.id());
            long now = System.nanoTime();
            if (now - nextReadErrorLogNanos >= 0) {
                nextReadErrorLogNanos = now + TimeUnit.SECONDS.toNanos(10);
                LOG.warn("cannot read spool entry {} now, retrying: {}", entry.id(), e.getMessage());
            }
            TimeUnit.MILLISECONDS.sleep(READ_RETRY_MILLIS);
            return null;
        } catch (IllegalStateException | IllegalArgumentException closedOrGone) {
            release(entry.id()); // the spool closed (stop), or the entry is no longer pending
            return null;
        }
    }

    /** Oldest pending entry not held by a sender; lock held. */
    private SpoolEntry nextUnhanded() {
        if (inFlight.isEmpty()) {
            List<SpoolEntry> pending = spool.pending();
            return pending.isEmpty() ? null : pending.get(0);
        }
        for (SpoolEntry e : spool.pending()) {
            if (!inFlight.contains(e.id())) {
                return e;
            }
        }
        return null;
    }

    /** An entry was appended: wake a sender. */
    void appended() {
        signal();
    }

    /** A batch the spool can never hold: deliver it from memory, ahead of the spool. Ownership passes. */
    void offerUnspooled(Delivery delivery) {
        lock.lock();
        try {
            unspooled.addLast(delivery);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more appends will come (the inputs are closed): once every entry is handed out, the senders may stop. */
    void appendsDone() {
        lock.lock();
        try {
            appendsDone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an entry is acknowledged (space may be free) or the timeout passes. */
    void awaitChange(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            changed.await(timeout, unit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean exhausted() {
        lock.lock();
        try {
            return appendsDone && unspooled.isEmpty() && nextUnhanded() == null;
        } finally {
            lock.unlock();
        }
    }

    /** Records in entries still pending on disk (handed out or not). */
    public long pendingRecords() {
        long records = 0;
        for (SpoolEntry e : spool.pending()) {
            records += e.recordCount();
        }
        return records;
    }

    private void finish(long id) {
        spool.acknowledge(id);
        release(id);
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release(long id) {
        lock.lock();
        try {
            inFlight.remove(id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A spool entry being delivered; its bytes are a heap copy read from disk. */
    private final class Spooled implements Delivery {
        private final SpoolEntry entry;
        private final ByteBuf json;

        Spooled(SpoolEntry entry, ByteBuf json) {
            this.entry = entry;
            this.json = json;
        }

        @Override
        public ByteBuf json() {
            return json;
        }

        @Override
        public int records() {
            return entry.recordCount();
        }

        @Override
        public void finished() {
            json.release();
            finish(entry.id());
        }

        @Override
        public boolean abandoned() {
            json.release();
            release(entry.id());
            return true;
        }
    }
}
