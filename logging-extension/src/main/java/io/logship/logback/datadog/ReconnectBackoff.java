package io.logship.logback.datadog;

import io.logship.schema.Backoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between connection attempts: capped exponential backoff with full jitter.
 *
 * <p>The n-th consecutive failure (n = 0, 1, ...) waits a uniformly random time in {@code [0, ceiling]}, where the
 * ceiling is {@code min(max, min * 2^n)}: 1 s, 2 s, 4 s, ... 30 s with the defaults. Full jitter spreads the
 * reconnects of many application instances after an agent restart instead of having them all knock at once (the
 * reasoning of Vector's {@code retries.rs} and AWS's "Exponential Backoff And Jitter").
 *
 * <p>The arithmetic is the shared {@link Backoff} (factor 2); this class keeps the failure count.
 *
 * <p>Not thread-safe: owned by the single writer thread.
 */
public final class ReconnectBackoff {

    /** Ceiling of the first delay, in milliseconds: {@value}. Matches daiquiri's (Python SocketHandler) retryStart. */
    public static final long DEFAULT_MIN_DELAY_MILLIS = 1_000;

    /** Largest ceiling, in milliseconds: {@value}. Matches daiquiri's retryMax. */
    public static final long DEFAULT_MAX_DELAY_MILLIS = 30_000;

    private final Backoff backoff;
    private int failures;

    /** Backoff from {@code min} to {@code max} with {@link ThreadLocalRandom} jitter. */
    public ReconnectBackoff(Duration min, Duration max) {
        this(min, max, Backoff.UNIFORM_JITTER);
    }

    /**
     * @param jitter returns a value in {@code [0, 1]}, multiplied with the ceiling; a test passes
     *     {@link Backoff#NO_JITTER} to get the ceiling
     */
    ReconnectBackoff(Duration min, Duration max, DoubleSupplier jitter) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("min reconnect delay must be > 0: " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max reconnect delay must be >= min (" + min + "): " + max);
        }
        this.backoff = new Backoff(min, 2.0, max, jitter);
    }

    /** Records one more failed attempt and returns how long to wait before the next one, in nanoseconds. */
    public long nextDelayNanos() {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return backoff.delay(failures).toNanos();
    }

    /** Forgets past failures: the next delay starts again from the minimum ceiling. Call after a success. */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }
}
