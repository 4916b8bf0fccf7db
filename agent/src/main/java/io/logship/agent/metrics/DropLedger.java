package io.logship.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's one record of every dropped record, by {@link DropReason}: every stage (sources, batcher, spool,
 * destinations, shutdown) counts here, and {@code /metrics} ({@code logship_records_dropped_total{reason,
 * intentional}}), the logs and the stop line read from here.
 *
 * <p>Records that will be retried are never counted. Thread-safe and lock-free: one striped adder per reason.
 */
public final class DropLedger {
    private final Map<DropReason, LongAdder> counts = new EnumMap<>(DropReason.class);

    /** A ledger with no meters (tests, and stages used alone). */
    public DropLedger() {
        for (DropReason reason : DropReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    /** A ledger shown on {@code registry} as {@code logship.records.dropped{reason, intentional}}. */
    public DropLedger(MeterRegistry registry) {
        this();
        Objects.requireNonNull(registry, "registry");
        for (DropReason reason : DropReason.values()) {
            LongAdder adder = counts.get(reason);
            FunctionCounter.builder("logship.records.dropped", adder, LongAdder::sum)
                    .tag("reason", reason.tag())
                    .tag("intentional", Boolean.toString(reason.intentional()))
                    .description("Records dropped, by reason")
                    .register(registry);
        }
    }

    /** Counts {@code records} dropped for {@code reason}; nothing when {@code records} is 0. */
    public void dropped(DropReason reason, long records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0: " + records);
        }
        if (records > 0) {
            counts.get(reason).add(records);
        }
    }

    /** Records dropped for {@code reason} so far. */
    public long count(DropReason reason) {
        return counts.get(reason).sum();
    }

    /** Records dropped so far, all reasons. */
    public long total() {
        long total = 0;
        for (LongAdder adder : counts.values()) {
            total += adder.sum();
        }
        return total;
    }

    /** Records dropped so far, unintentional reasons only (the losses an operator must hear about). */
    public long unintentional() {
        long total = 0;
        for (Map.Entry<DropReason, LongAdder> e : counts.entrySet()) {
            if (!e.getKey().intentional()) {
                total += e.getValue().sum();
            }
        }
        return total;
    }

    /** The reasons with drops and their counts, in {@link DropReason} declaration order. */
    public Map<DropReason, Long> byReason() {
        Map<DropReason, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, adder) -> {
            long n = adder.sum();
            if (n > 0) {
                out.put(reason, n);
            }
        });
        return out;
    }
}
