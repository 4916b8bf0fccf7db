package io.logship.agent.destinations;

import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.DropLedger;
import io.logship.agent.metrics.DropReason;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the senders did: batches and records delivered, bytes sent, retries; the records they dropped go to the
 * agent's one {@link DropLedger}.
 *
 * <p>When built with an {@link AgentMetrics}, every update is also made on its meters (records, batches and bytes
 * sent, retries, responses by status, send latency) and drops go to its ledger.
 *
 * <p>Thread-safe; updated once per batch or attempt, never per record.
 */
public final class SendCounters {
    private final LongAdder batchesSent = new LongAdder();
    private final LongAdder recordsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final DropLedger drops;
    private final AgentMetrics metrics;

    /** Counters only, no meters, with a ledger of their own. */
    public SendCounters() {
        this.metrics = null;
        this.drops = new DropLedger();
    }

    /** @param metrics also updated on every event; its ledger takes the drops */
    public SendCounters(AgentMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.drops = metrics.drops();
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
        if (metrics != null) {
            metrics.retries.increment();
        }
    }

    /** One answer from the destination with a status code, and how long the request took. */
    public void answered(int status, long nanos) {
        if (metrics == null) {
            return;
        }
        metrics.response(status);
        metrics.sendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts {@code records} dropped for {@code reason} in the ledger. */
    public void dropped(DropReason reason, int records) {
        drops.dropped(reason, records);
    }

    /** The ledger the senders' drops go to (the agent's, when built with its metrics). */
    public DropLedger drops() {
        return drops;
    }

    public long batchesSent() {
        return batchesSent.sum();
    }

    public long recordsSent() {
        return recordsSent.sum();
    }

    /** Encoded (compressed) body bytes accepted by the destination. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Attempts that will be (or would have been) retried. */
    public long retries() {
        return retries.sum();
    }
}
