package io.logship.config;

import java.time.Duration;

/**
 * How records are grouped into one request.
 *
 * @param maxRecords records per batch, at most the intake's 1000
 * @param maxBytes   uncompressed JSON-array bytes per batch, at most the intake's 5,000,000
 * @param maxWait    how long the first record of a batch waits before the batch is sent anyway
 */
public record Batch(int maxRecords, long maxBytes, Duration maxWait) {
    /** The intake's hard limit on entries per request; also the default. */
    public static final int DEFAULT_MAX_RECORDS = 1000;
    /**
     * The intake's hard limit on an uncompressed request body, 5,000,000 bytes, as the Datadog Agent and Vector
     * use it; also the default. A batch is closed before a record would take it past this, so no request is
     * ever sent only to be answered 413.
     */
    public static final long DEFAULT_MAX_BYTES = 5_000_000L;
    /** The Datadog Agent's {@code logs_config.batch_wait}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);
}
