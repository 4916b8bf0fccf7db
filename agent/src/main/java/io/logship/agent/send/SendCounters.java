package io.logship.agent.send;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the senders did: batches and records delivered, bytes sent, retries, and records dropped by reason.
 *
 * <p>Thread-safe; updated once per batch or attempt, never per record. Drop reasons are a {@link Reason#tag()}
 * ({@code bad_request}, {@code payload_too_large}...) or one of {@link #RETRIES_EXHAUSTED}, {@link #ENCODE_FAILED}
 * and {@link #SHUTDOWN}.
 */
public final class SendCounters {
    /** Drop reason: every attempt allowed for the batch was retried and failed. */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** Drop reason: the batch could not be compressed (e.g. out of direct memory). */
    public static final String ENCODE_FAILED = "encode_failed";
    /** Drop reason: the agent stopped (grace period over) while the batch waited for a retry. */
    public static final String SHUTDOWN = "shutdown";

    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder recordsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> dropped = new ConcurrentHashMap<>();

    void sent(int records, int encodedBytes) {
        batchesSent.increment();
        recordsSent.add(records);
        bytesSent.add(encodedBytes);
    }

    void retried() {
        retries.increment();
    }

    void dropped(String reason, int records) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).add(records);
    }

    public long batchesSent() {
        return batchesSent.sum();
    }

    public long recordsSent() {
        return recordsSent.sum();
    }

    /** Encoded (compressed) body bytes accepted by the intake. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Attempts that will be (or would have been) retried. */
    public long retries() {
        return retries.sum();
    }

    /** Records dropped, all reasons. */
    public long recordsDropped() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Records dropped per reason, sorted by reason. */
    public Map<String, Long> recordsDroppedByReason() {
        Map<String, Long> copy = new TreeMap<>();
        dropped.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
