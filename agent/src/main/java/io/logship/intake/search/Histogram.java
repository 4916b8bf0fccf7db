package io.logship.intake.search;

import java.util.List;
import java.util.Map;

/**
 * Matching records per time bucket and status.
 *
 * @param intervalMs each bucket's width
 * @param buckets    oldest first, every bucket of the range (empty ones too)
 */
public record Histogram(long intervalMs, List<Bucket> buckets) {
    /** @param counts status (lower case) → records; only statuses that occur */
    public record Bucket(long start, Map<String, Long> counts) {}
}
