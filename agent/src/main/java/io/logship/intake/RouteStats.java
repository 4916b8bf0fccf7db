package io.logship.intake;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts answers per route and HTTP status, plus the records and uncompressed bytes accepted.
 *
 * <p>Routes are the intake's own paths; every other path is counted under {@link #OTHER_ROUTE}, so a client
 * cannot grow the map without bound. Counts live in memory and start at zero on each start.
 *
 * <p>Thread-safe and contention-light ({@link LongAdder} per cell).
 */
final class RouteStats {
    /** The route name for every path the intake does not serve. */
    static final String OTHER_ROUTE = "(other)";

    private final Map<String, Map<Integer, LongAdder>> answers = new ConcurrentHashMap<>();
    private final LongAdder recordsAccepted = new LongAdder();
    private final LongAdder bytesAccepted = new LongAdder();
    private final ProbeHistogram probes = new ProbeHistogram();

    /** Counts one answer; {@code route} must be a known route or {@link #OTHER_ROUTE}. */
    void count(String route, int status) {
        answers.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    /** Counts one accepted request's records and uncompressed bytes. */
    void accepted(int records, int uncompressedBytes) {
        recordsAccepted.add(records);
        bytesAccepted.add(uncompressedBytes);
    }

    /** The latency-probe delays seen in discard mode. */
    ProbeHistogram probes() {
        return probes;
    }

    long recordsAccepted() {
        return recordsAccepted.sum();
    }

    long bytesAccepted() {
        return bytesAccepted.sum();
    }

    /** A sorted snapshot: route → status → answers. */
    Map<String, Map<Integer, Long>> snapshot() {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        answers.forEach((route, byStatus) -> {
            Map<Integer, Long> counts = new TreeMap<>();
            byStatus.forEach((status, adder) -> counts.put(status, adder.sum()));
            copy.put(route, counts);
        });
        return copy;
    }

    /** Sets every count back to zero. */
    void reset() {
        answers.clear();
        recordsAccepted.reset();
        bytesAccepted.reset();
        probes.reset();
    }
}
