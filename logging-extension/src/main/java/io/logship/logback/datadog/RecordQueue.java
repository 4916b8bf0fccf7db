package io.logship.logback.datadog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded multi-producer, single-consumer queue of records, limited both by a number of records and by a sum of
 * (estimated) record sizes in bytes.
 *
 * <p>Producers (application threads) {@link #offer} without locks: one CAS to claim a slot. The single consumer (the writer thread) {@link #peek}s records at the head <em>without removing them</em>,
 * writes them, and only then {@link #remove}s them. A record whose write failed therefore stays at the head and is
 * re-sent after a reconnect, in order, and the capacity the producers see is exact: a record is refused if and only
 * if the records still queued (sent or not) leave no room for it.
 *
 * <p><b>Byte budget.</b> Each slot carries a share of the byte limit, {@code maxBytes / (2 * capacity)}: a record up
 * to that size needs no byte accounting at all (no second atomic on the application thread). The part of a larger
 * record above its slot's share is reserved from the other half of the budget, which only large records use. The sum
 * of queued sizes therefore never exceeds {@code maxBytes}, but large records alone are refused once they hold about
 * half of it. With the defaults (8192 records, 16 MiB) records up to 1 KiB are free of byte accounting.
 *
 * <p><b>When full</b>, {@link WhenQueueFull#DROP_NEWEST} returns {@code false} at once; {@link WhenQueueFull#BLOCK_WITH_TIMEOUT}
 * parks until {@link #remove} frees room (it unparks the blocked producers) or the timeout passes, then returns
 * {@code false}. The caller counts the drop.
 *
 * <p><b>Pitfalls.</b> Exactly one thread may call {@link #peek}, {@link #remove} and {@link #awaitRecords}. Producers
 * publish in the order they claim slots, so a producer that stalls between its claim and its publish hides the
 * records behind it from the consumer until it resumes (order is kept, nothing is lost).
 *
 * @param <E> the record type
 */
public final class RecordQueue<E> {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CONSUMER_WAITING;

    static {
        try {
            CONSUMER_WAITING = MethodHandles.lookup().findVarHandle(RecordQueue.class, "consumerWaiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int AWAKE = 0;
    private static final int NAPPING = 1;
    private static final int SLEEPING = 2;

    /**
     * Longest park of a blocked producer between two looks for room, in nanoseconds: {@value}. {@link #remove} wakes
     * blocked producers at once; this bound only covers a wake-up that raced with the producer's own check.
     */
    static final long BLOCKED_PRODUCER_PARK_NANOS = 1_000_000;

    private final Object[] slots;
    private final int[] sizes;
    private final int mask;
    private final int capacity;
    private final long maxBytes;
    private final WhenQueueFull whenFull;
    private final long blockTimeoutNanos;

    private final AtomicLong producerIndex = new AtomicLong();
    /** Bytes of queued records above their slot's share; bounded by excessLimit. */
    private final AtomicLong excessBytes = new AtomicLong();

    private final long slotShare;
    private final long excessLimit;
    /** Written only by the consumer; read by producers to check for room. */
    private volatile long consumerIndex;
    /** AWAKE, NAPPING (producers wake it only past wakeThreshold) or SLEEPING (the first record wakes it). */
    @SuppressWarnings("unused") // also accessed through CONSUMER_WAITING
    private volatile int consumerWaiting;

    private final int wakeThreshold;
    private volatile Thread consumer;
    /** Producers waiting for room under BLOCK_WITH_TIMEOUT; empty (one volatile read per batch) otherwise. */
    private final ConcurrentLinkedQueue<Thread> blockedProducers = new ConcurrentLinkedQueue<>();

    /**
     * @param capacity the most records queued at once, > 0
     * @param maxBytes the largest sum of record sizes queued at once, > 0
     * @param whenFull what {@link #offer} does when a record does not fit
     * @param blockTimeoutNanos how long {@link WhenQueueFull#BLOCK_WITH_TIMEOUT} waits for room, >= 0
     */
    public RecordQueue(int capacity, long maxBytes, WhenQueueFull whenFull, long blockTimeoutNanos) {
        if (capacity <= 0 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("queueSize must be in [1, 2^30]: " + capacity);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("queueMaxBytes must be > 0: " + maxBytes);
        }
        if (blockTimeoutNanos < 0) {
            throw new IllegalArgumentException("blockTimeout must be >= 0: " + blockTimeoutNanos + " ns");
        }
        int length = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        this.slots = new Object[length];
        this.sizes = new int[length];
        this.mask = length - 1;
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.slotShare = maxBytes / (2L * capacity);
        this.excessLimit = maxBytes - slotShare * capacity;
        this.whenFull = whenFull;
        this.blockTimeoutNanos = blockTimeoutNanos;
        this.wakeThreshold = Math.max(1, capacity / 4);
    }

    /**
     * Adds a record at the tail if it fits, waiting for room as {@link WhenQueueFull} says.
     *
     * @param sizeBytes the record's (estimated) size, counted against the byte limit until {@link #remove}
     * @return {@code false} if the record was not queued; the caller must count it as dropped
     */
    public boolean offer(E record, int sizeBytes) {
        if (tryOffer(record, sizeBytes)) {
            return true;
        }
        if (whenFull == WhenQueueFull.DROP_NEWEST || sizeBytes > maxBytes) {
            return false;
        }
        long deadline = System.nanoTime() + blockTimeoutNanos;
        Thread self = Thread.currentThread();
        blockedProducers.add(self); // remove() unparks us as soon as it frees room
        try {
            while (!self.isInterrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, BLOCKED_PRODUCER_PARK_NANOS));
                if (tryOffer(record, sizeBytes)) {
                    return true;
                }
            }
            return false; // interrupted: give up now and leave the flag set for the application
        } finally {
            blockedProducers.remove(self);
        }
    }

    private boolean tryOffer(E record, int sizeBytes) {
        long excess = Math.max(0, sizeBytes - slotShare);
        // Reads first: when the queue is full (the state in which offers come fastest) a refusal then writes no shared
        // cache line, and the writer draining the queue is not slowed down by the refused producers.
        if (producerIndex.get() - consumerIndex >= capacity
                || (excess > 0 && excessBytes.get() + excess > excessLimit)) {
            return false;
        }
        if (excess > 0 && excessBytes.addAndGet(excess) > excessLimit) {
            excessBytes.addAndGet(-excess);
            return false;
        }
        long p;
        do {
            p = producerIndex.get();
            if (p - consumerIndex >= capacity) {
                if (excess > 0) {
                    excessBytes.addAndGet(-excess);
                }
                return false;
            }
        } while (!producerIndex.compareAndSet(p, p + 1));
        int i = (int) (p & mask);
        sizes[i] = sizeBytes;
        // Release store: the consumer's getAcquire sees the record and its size. No StoreLoad fence is needed before
        // reading consumerWaiting: the CAS on producerIndex above is the producer's half of the Dekker handshake, and
        // awaitRecords checks producerIndex (not the slot) after announcing that it sleeps.
        SLOTS.setRelease(slots, i, record);
        int waiting = consumerWaiting;
        if (waiting != AWAKE
                && (waiting == SLEEPING || p + 1 - consumerIndex >= wakeThreshold)
                && CONSUMER_WAITING.compareAndSet(this, waiting, AWAKE)) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /**
     * Copies up to {@code max} records from the head into {@code out}, oldest first, without removing them.
     * Consumer thread only.
     *
     * @return how many records were copied
     */
    @SuppressWarnings("unchecked")
    public int peek(E[] out, int max) {
        long c = consumerIndex;
        int n = 0;
        int limit = Math.min(max, out.length);
        while (n < limit) {
            Object e = SLOTS.getAcquire(slots, (int) ((c + n) & mask));
            if (e == null) {
                break;
            }
            out[n++] = (E) e;
        }
        return n;
    }

    /** Removes the {@code n} oldest records, which the consumer has {@link #peek}ed. Consumer thread only. */
    public void remove(int n) {
        long c = consumerIndex;
        long freed = 0;
        for (int k = 0; k < n; k++) {
            int i = (int) ((c + k) & mask);
            freed += Math.max(0, sizes[i] - slotShare);
            slots[i] = null; // published to producers by the volatile write of consumerIndex below
        }
        if (freed > 0) {
            excessBytes.addAndGet(-freed);
        }
        consumerIndex = c + n;
        if (!blockedProducers.isEmpty()) {
            for (Thread t : blockedProducers) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Parks the consumer until a record is at the head or {@code timeoutNanos} passed. Returns at once when a record
     * is there. Consumer thread only; {@link #wakeConsumer()} ends the wait early.
     *
     * @param nap true: a short wait while records keep coming; producers do not wake the consumer for each record
     *     (an unpark is a system call on the application thread) unless a quarter of the queue has filled. false: a
     *     long idle wait that the first record ends.
     */
    public void awaitRecords(long timeoutNanos, boolean nap) {
        consumer = Thread.currentThread();
        if (hasHead() && !nap) {
            return;
        }
        consumerWaiting = nap ? NAPPING : SLEEPING;
        if (producerIndex.get() == consumerIndex || (nap && size() < wakeThreshold)) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        consumerWaiting = AWAKE;
    }

    /** Ends a pending {@link #awaitRecords} at once (used to stop the consumer). */
    public void wakeConsumer() {
        Thread t = consumer;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private boolean hasHead() {
        return SLOTS.getVolatile(slots, (int) (consumerIndex & mask)) != null;
    }

    /**
     * Whether {@link #offer} would refuse any record right now without waiting: the queue holds its maximum number of
     * records and drops when full. Lets the caller skip all per-record work for a record that cannot be queued.
     */
    public boolean refusesAtOnce() {
        return whenFull == WhenQueueFull.DROP_NEWEST && producerIndex.get() - consumerIndex >= capacity;
    }

    /** Records queued or being queued right now (claimed slots included). */
    public int size() {
        return (int) Math.max(0, producerIndex.get() - consumerIndex);
    }

    /** An upper bound of the sum of the sizes of the queued records, in bytes (each slot counted at its share). */
    public long sizeBytes() {
        return Math.min(maxBytes, size() * slotShare + excessBytes.get());
    }

    /** The most records this queue holds. */
    public int capacity() {
        return capacity;
    }

    /** The largest sum of record sizes this queue holds, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }
}
