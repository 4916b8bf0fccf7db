package io.logship.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how batches are sent.
 *
 * @param url              the intake URL; empty means "derive it" (see {@link LogshipConfig#resolvedIntakeUrl()})
 * @param compression      the body's compression
 * @param compressionLevel the compression level, within {@code compression}'s range
 * @param maxInFlight      requests in flight at once
 * @param timeout          how long one request may take, connect to last byte of the response
 */
public record Intake(
        Optional<URI> url, Compression compression, int compressionLevel, int maxInFlight, Duration timeout) {
    /** Requests in flight at once; the Datadog Agent starts at 4 (one per pipeline) and adapts up to 40. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    /** Upper bound of {@code intake.max_in_flight}. */
    public static final int MAX_IN_FLIGHT_LIMIT = 64;
    /** One request's deadline, as the Datadog Agent's {@code logs_config.http_timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final Compression DEFAULT_COMPRESSION = Compression.ZSTD;
}
