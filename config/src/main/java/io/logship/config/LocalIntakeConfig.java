package io.logship.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded Datadog-compatible intake, started when neither an API key nor an intake URL is configured.
 *
 * @param bind where it listens
 * @param port its port; 0 picks a free one
 * @param path the directory of its on-disk store
 * @param enabled {@code local_intake.enabled}: the operator asked for it, so {@code require_destination} accepts
 *     it as the destination
 * @param maxBytes {@code local_intake.max_bytes}: the stored records' JSON bytes kept at most, oldest deleted first
 * @param maxAge {@code local_intake.max_age}: how long a record is kept after it arrived
 */
public record LocalIntakeConfig(String bind, int port, Path path, boolean enabled, long maxBytes, Duration maxAge) {
    /** Not explicitly enabled, default retention: used only when nothing else is configured. */
    public LocalIntakeConfig(String bind, int port, Path path) {
        this(bind, port, path, false, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
    }

    /**
     * The stored records' JSON bytes kept at most (1 GiB, as {@code spool.max_bytes}), so an agent left delivering
     * to its local intake does not fill the disk; the intake deletes the oldest records above it.
     */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /** How long the local intake keeps a record (7 days, Datadog's shortest standard log retention). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8282;
    /** Relative to the working directory, so a newcomer sees where the records went. */
    public static final Path DEFAULT_PATH = Path.of("logship-data", "intake");
}
