package io.logship.agent.send;

import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.DropReason;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the senders did: batches and records delivered, bytes sent, retries, and records dropped by reason.
 *
 * <p>When built with an {@link AgentMetrics}, every update is also made on its meters (records, batches and bytes
 * sent, retries, responses by status, send latency, drops by {@link DropReason}).
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
    private final AgentMetrics metrics;

    /** Counters only, no meters. */
    public SendCounters() {
        this(null);
    }

    /** @param metrics also updated on every event; null for none */
    public SendCounters(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    void sent(int records, int jsonBytes, int encodedBytes) {
        batchesSent.increment();
        recordsSent.add(records);
        bytesSent.add(encodedBytes);
        if (metrics != null) {
            metrics.batchesSent.increment();
            metrics.recordsSent.increment(records);
            metrics.bytesSentUncompressed.increment(jsonBytes);
            metrics.bytesSentCompressed.increment(encodedBytes);
        }
    }

    void retried() {
        retries.increment();
        if (metrics != null) metrics.retries.increment();
    }

    /** One answer from the intake, and how long the request took. */
    void answered(int status, long nanos) {
        if (metrics == null) return;
        metrics.response(status);
        metrics.sendLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Counts {@code records} dropped for {@code reason} (a {@link Reason#tag()} or a constant here). */
    public void dropped(String reason, int records) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).add(records);
        DropReason meter = dropReason(reason);
        if (metrics != null && meter != null) metrics.dropped(meter, records);
    }

    /** Drop reason: a spooled batch failed its checksum when read back. */
    public static final String SPOOL_CORRUPT = "spool_corrupt";

    /** The meter's reason for a drop reason; null for an unknown one (then only these counters have it). */
    static DropReason dropReason(String reason) {
        switch (reason) {
            case "bad_request": return DropReason.INTAKE_BAD_REQUEST;
            case "unauthorized": return DropReason.INTAKE_UNAUTHORIZED;
            case "forbidden": return DropReason.INTAKE_FORBIDDEN;
            case "payload_too_large": return DropReason.INTAKE_PAYLOAD_TOO_LARGE;
            case SHUTDOWN: return DropReason.SHUTDOWN;
            case RETRIES_EXHAUSTED: return DropReason.RETRIES_EXHAUSTED;
            case ENCODE_FAILED: return DropReason.ENCODE_FAILED;
            case SPOOL_CORRUPT: return DropReason.SPOOL_CORRUPT;
            default: return null;
        }
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
