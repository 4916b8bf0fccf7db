package io.logship.config;

import java.time.Duration;

/**
 * Backoff between attempts of a failed batch: {@code base * factor^n} with full jitter, capped at {@code max};
 * retries never stop on their own. The defaults are the Datadog Agent's {@code logs_config.sender_backoff_*}.
 */
public record Retry(Duration base, double factor, Duration max) {
    public static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    public static final double DEFAULT_FACTOR = 2.0;
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(120);
}
