package io.logship.agent.metrics;

import io.logship.agent.buffer.spool.SpoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Every meter of the agent, on one Prometheus registry. Thread-safe; the meters are lock-free adders.
 *
 * <p>Pitfall: look meters up once ({@link #source(String)} at listener start, the fields here) and keep the
 * reference; a registry lookup per record would cost more than the rest of the record's path.
 */
public final class AgentMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Integer, Counter> responses = new ConcurrentHashMap<>();
    private final Map<String, SourceMeters> sources = new ConcurrentHashMap<>();
    /** Function counters hold their state object weakly: these references keep it alive. */
    private final List<Object> meterStates = new CopyOnWriteArrayList<>();

    public final Counter recordsSent = Counter.builder("logship.records.sent")
            .description("Records the intake accepted (2xx)")
            .register(registry);
    public final Counter batchesSent = Counter.builder("logship.batches.sent")
            .description("Batches the intake accepted (2xx)")
            .register(registry);
    public final Counter bytesSentUncompressed = Counter.builder("logship.bytes.sent")
            .tag("encoding", "uncompressed")
            .description("JSON bytes of accepted batches before compression")
            .baseUnit("bytes")
            .register(registry);
    public final Counter bytesSentCompressed = Counter.builder("logship.bytes.sent")
            .tag("encoding", "compressed")
            .description("Body bytes of accepted batches on the wire")
            .baseUnit("bytes")
            .register(registry);
    public final Counter retries = Counter.builder("logship.send.retries")
            .description("Attempts that failed and will be retried")
            .register(registry);
    public final Timer sendLatency = Timer.builder("logship.send.latency")
            .description("Time from request start to response")
            .publishPercentileHistogram()
            .register(registry);

    private final DropLedger drops = new DropLedger(registry);
    private volatile Supplier<String> status = () -> "{}";

    /** The meters of one source, e.g. {@code tcp:127.0.0.1:10518}; the same instance for the same name. */
    public SourceMeters source(String name) {
        return sources.computeIfAbsent(name, n -> new SourceMeters(registry, n));
    }

    /**
     * Connections the sources refused since start, all sources together, by reason tag
     * ({@link SourceMeters#addRefusals}); not record drops: nothing of theirs was read.
     */
    public Map<String, Long> connectionsRefused() {
        Map<String, Long> refused = new LinkedHashMap<>();
        sources.values().forEach(meters -> meters.addRefusals(refused));
        refused.values().removeIf(n -> n == 0);
        return refused;
    }

    /** The agent's one drop ledger (shown as {@code logship.records.dropped}). */
    public DropLedger drops() {
        return drops;
    }

    /** Counts {@code records} dropped for {@code reason} in {@link #drops()}. */
    public void dropped(DropReason reason, long records) {
        drops.dropped(reason, records);
    }

    /** How many records were dropped for {@code reason} so far. */
    public long droppedCount(DropReason reason) {
        return drops.count(reason);
    }

    /** Counts one intake response with {@code status}. */
    public void response(int status) {
        responses
                .computeIfAbsent(
                        status,
                        s -> Counter.builder("logship.intake.responses")
                                .tag("status", Integer.toString(s))
                                .description("Intake responses by status code")
                                .register(registry))
                .increment();
    }

    /** Shows {@code bytes} as the in-memory buffer's fill level. */
    public void bufferBytes(Supplier<Number> bytes) {
        Gauge.builder("logship.buffer.bytes", bytes)
                .baseUnit("bytes")
                .description("Bytes held in memory")
                .register(registry);
    }

    /** Shows {@code bytes} as the disk spool's size. */
    public void spoolBytes(Supplier<Number> bytes) {
        Gauge.builder("logship.spool.bytes", bytes)
                .baseUnit("bytes")
                .description("Bytes held in the disk spool")
                .register(registry);
    }

    /**
     * Shows the disk spool: its size, pending entries, damaged entries skipped (checksum failures and torn tails
     * found on start), appends refused (full, failed) and records spooled.
     */
    public void spool(Supplier<SpoolStats> stats, Supplier<Number> recordsSpooled) {
        meterStates.add(stats);
        meterStates.add(recordsSpooled);
        spoolBytes(() -> stats.get().sizeBytes());
        Gauge.builder("logship.spool.pending.entries", () -> stats.get().pendingEntries())
                .description("Batches in the disk spool not yet accepted by the intake")
                .register(registry);
        FunctionCounter.builder(
                        "logship.spool.damaged.entries", stats, s -> s.get().corruptEntriesSkipped())
                .tag("kind", "corrupt")
                .description("Damaged spool entries skipped on start")
                .register(registry);
        FunctionCounter.builder(
                        "logship.spool.damaged.entries", stats, s -> s.get().tornTails())
                .tag("kind", "torn_tail")
                .description("Damaged spool entries skipped on start")
                .register(registry);
        FunctionCounter.builder(
                        "logship.spool.appends.refused", stats, s -> s.get().fullRejections())
                .tag("reason", "full")
                .description("Appends refused and retried (backpressure)")
                .register(registry);
        FunctionCounter.builder(
                        "logship.spool.appends.refused", stats, s -> s.get().appendFailures())
                .tag("reason", "failed")
                .description("Appends refused and retried (backpressure)")
                .register(registry);
        FunctionCounter.builder(
                        "logship.records.spooled", recordsSpooled, n -> n.get().doubleValue())
                .description("Records written to the disk spool")
                .register(registry);
    }

    /**
     * What {@code /status} answers: the agent's state as a JSON object, built by {@code status} (the process sets
     * it once started; {@code {}} before).
     */
    public void status(Supplier<String> status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    /** The JSON object {@code /status} answers. */
    public String statusJson() {
        return status.get();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
