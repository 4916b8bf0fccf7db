package io.logship.intake;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * End-to-end delays of latency-probe records, in microseconds, for benchmarks.
 *
 * <p>A record is a probe when it has a top-level integer field {@value #FIELD} holding the epoch microseconds at which
 * the load generator sent it ({@code loadgen --probe}); its delay is the intake's receive time minus that value. Only
 * discard mode looks for probes, in the same token pass that counts records, so it costs no extra parse.
 *
 * <p>Log-linear buckets: exact below 64 µs, then 32 buckets per power of two (at most ~3 % error), up to about 2^40
 * µs (12 days); larger or negative delays are clamped into the last or first bucket.
 *
 * <p>Thread-safe: lock-free counters; {@link #reset} races with concurrent {@link #record} calls only by the
 * records in flight.
 */
final class ProbeHistogram {
    /** The top-level field that makes a record a probe: {@value}. */
    static final String FIELD = "probe_us";

    private static final int SUB_BUCKETS = 32;
    private static final int LINEAR_LIMIT = 2 * SUB_BUCKETS;
    private static final int BUCKETS = bucketOf(1L << 40) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts one delay of {@code micros} microseconds. */
    void record(long micros) {
        counts.incrementAndGet(Math.min(bucketOf(micros), BUCKETS - 1));
    }

    /** Clears every count. */
    void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }

    /** The count and percentiles now. */
    Summary summary() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        return new Summary(
                total, percentile(copy, total, 0.50), percentile(copy, total, 0.99), percentile(copy, total, 1.0));
    }

    static int bucketOf(long micros) {
        if (micros < LINEAR_LIMIT) {
            return (int) Math.max(0, micros);
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 5; // keep the top 6 bits
        return (shift + 1) * SUB_BUCKETS + (int) ((micros >>> shift) - SUB_BUCKETS);
    }

    /** The smallest delay that falls into {@code bucket}. */
    static long lowerBound(int bucket) {
        if (bucket < LINEAR_LIMIT) {
            return bucket;
        }
        int shift = bucket / SUB_BUCKETS - 1;
        return (long) (bucket % SUB_BUCKETS + SUB_BUCKETS) << shift;
    }

    private static long percentile(long[] counts, long total, double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * fraction));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowerBound(i);
            }
        }
        return lowerBound(counts.length - 1);
    }

    /**
     * Probe delays seen since start or the last reset.
     *
     * @param count    probe records seen
     * @param p50Micros median delay (bucket lower bound), µs; 0 when no probe was seen
     * @param p99Micros 99th percentile, µs
     * @param maxMicros largest delay's bucket, µs
     */
    record Summary(long count, long p50Micros, long p99Micros, long maxMicros) {}
}
