package io.logship.logback.datadog;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one Datadog output: what was sent, what was dropped and why, and how the connection fared.
 *
 * <p>Thread-safe. Drops are counted by reason; records that will be retried (still queued) are never counted as
 * dropped. Read them from {@link DatadogAppender#getStats()}.
 */
public final class DeliveryStats {

    /** Why a record was dropped. All are unintentional from the user's point of view. */
    public enum DropReason {
        /** The queue held its maximum number of records or bytes when the record was logged. */
        QUEUE_FULL,
        /** The record's estimated size alone exceeds the queue's byte limit. */
        TOO_LARGE,
        /** UDP only: the record did not fit in one datagram even with its message and stack truncated. */
        OVERSIZE_DATAGRAM,
        /** Encoding the record to JSON threw (for example a value's {@code toString()} failed). */
        ENCODING_FAILED,
        /** Still queued when the shutdown timeout ran out. */
        SHUTDOWN
    }

    private final AtomicLong[] dropped = new AtomicLong[DropReason.values().length];
    private final LongAdder sent = new LongAdder();
    private final LongAdder sentBytes = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private final LongAdder peerClosed = new LongAdder();
    private final LongAdder truncated = new LongAdder();

    DeliveryStats() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new AtomicLong();
        }
    }

    /**
     * Counts {@code n} dropped records and returns the new count for this reason. One atomic add: this runs on the
     * application thread for every record refused by a full queue.
     */
    long dropped(DropReason reason, long n) {
        return dropped[reason.ordinal()].addAndGet(n);
    }

    void sent(long records, long bytes) {
        sent.add(records);
        sentBytes.add(bytes);
    }

    void connected() {
        connects.increment();
    }

    void connectFailed() {
        connectFailures.increment();
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void peerClosed() {
        peerClosed.increment();
    }

    void truncated() {
        truncated.increment();
    }

    /** Records dropped for this reason. */
    public long getDropped(DropReason reason) {
        return dropped[reason.ordinal()].get();
    }

    /** Records dropped for any reason. */
    public long getDroppedTotal() {
        long sum = 0;
        for (AtomicLong n : dropped) {
            sum += n.get();
        }
        return sum;
    }

    /** Records written to the socket (a re-sent record counts again; the drop warning records are not counted). */
    public long getSent() {
        return sent.sum();
    }

    /** Bytes written to the socket. */
    public long getSentBytes() {
        return sentBytes.sum();
    }

    /** Successful connects. */
    public long getConnects() {
        return connects.sum();
    }

    /** Failed connection attempts. */
    public long getConnectFailures() {
        return connectFailures.sum();
    }

    /** Writes that failed (the batch stayed queued and was re-sent). */
    public long getWriteFailures() {
        return writeFailures.sum();
    }

    /** Connections found closed by the peer before a write (the daiquiri #46 case, caught). */
    public long getPeerClosed() {
        return peerClosed.sum();
    }

    /** UDP records sent with their message or stack truncated to fit one datagram. */
    public long getTruncated() {
        return truncated.sum();
    }

    /** One line summary of the drop counters, by reason, for status messages. */
    public String dropSummary() {
        StringBuilder sb = new StringBuilder();
        for (DropReason r : DropReason.values()) {
            long n = getDropped(r);
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(r.name().toLowerCase(Locale.ROOT))
                        .append(": ")
                        .append(n);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    @Override
    public String toString() {
        return "DeliveryStats{sent=" + getSent() + ", dropped=" + getDroppedTotal() + " (" + dropSummary()
                + "), connects=" + getConnects() + ", connectFailures=" + getConnectFailures()
                + ", writeFailures=" + getWriteFailures() + ", peerClosed=" + getPeerClosed() + '}';
    }
}
