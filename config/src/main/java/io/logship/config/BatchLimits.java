package io.logship.config;

import java.time.Duration;
import java.util.Objects;

/**
 * When a batch is full or old enough to leave ({@code batch.*}): the configuration's and the batcher's one
 * definition of the limits.
 *
 * @param maxRecords records per batch, {@code 1..}{@value #DEFAULT_MAX_RECORDS} is the intake's own cap
 * @param maxBytes bytes of the uncompressed JSON array ({@code [}, records, commas, {@code ]}) per batch
 * @param maxWait how long the first record of a batch may wait before the batch is sent anyway
 */
public record BatchLimits(int maxRecords, long maxBytes, Duration maxWait) {
    /** Records per batch: {@value}, the intake's "max entries per array" (Datadog Agent {@code batch_max_size}). */
    public static final int DEFAULT_MAX_RECORDS = 1000;
    /**
     * Uncompressed bytes per batch: {@value}, exactly the intake's 5 MB payload cap, as the Datadog Agent's
     * {@code batch_max_content_size} (Vector aims at 4,250,000 but also caps at 5,000,000). The batcher counts the
     * whole JSON array, so no batch it builds is over the cap.
     */
    public static final long DEFAULT_MAX_BYTES = 5_000_000L;
    /** Longest wait of a batch's first record: 5 s, the Datadog Agent's {@code batch_wait}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

    /** Validates. */
    public BatchLimits {
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be > 0: " + maxRecords);
        }
        if (maxBytes < 3 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be in 3.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be > 0: " + maxWait);
        }
    }

    /** The defaults: 1000 records, 5,000,000 bytes, 5 s. */
    public static BatchLimits defaults() {
        return new BatchLimits(DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES, DEFAULT_MAX_WAIT);
    }
}
