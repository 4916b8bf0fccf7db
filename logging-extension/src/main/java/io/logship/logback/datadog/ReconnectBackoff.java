package io.logship.logback.datadog;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Delays between connection attempts: capped exponential backoff with full jitter.
 *
 * <p>The n-th consecutive failure (n = 0, 1, ...) waits a uniformly random time in {@code [0, ceiling]}, where the
 * ceiling is {@code min(max, min * 2^n)}: 1 s, 2 s, 4 s, ... 30 s with the defaults. Full jitter spreads the
 * reconnects of many application instances after an agent restart instead of having them all knock at once (the
 * reasoning of Vector's {@code retries.rs} and AWS's "Exponential Backoff And Jitter").
 *
 * <p>Not thread-safe: owned by the single writer thread.
 */
public final class ReconnectBackoff {

    /** Ceiling of the first delay, in milliseconds: {@value}. Matches daiquiri's (Python SocketHandler) retryStart. */
    public static final long DEFAULT_MIN_DELAY_MILLIS = 1_000;

    /** Largest ceiling, in milliseconds: {@value}. Matches daiquiri's retryMax. */
    public static final long DEFAULT_MAX_DELAY_MILLIS = 30_000;

    private final long minNanos;
    private final long maxNanos;
    private final LongUnaryOperator random;
    private int failures;

    /** Backoff from {@code min} to {@code max} with {@link ThreadLocalRandom} jitter. */
    public ReconnectBackoff(Duration min, Duration max) {
        this(min, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * @param random given a bound b, returns a value in {@code [0, b]}; a test passes the identity to get the ceiling
     */
    ReconnectBackoff(Duration min, Duration max, LongUnaryOperator random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("min reconnect delay must be > 0: " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max reconnect delay must be >= min (" + min + "): " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** Records one more failed attempt and returns how long to wait before the next one, in nanoseconds. */
    public long nextDelayNanos() {
        long ceiling = ceilingNanos(failures);
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        return random.applyAsLong(ceiling);
    }

    /** Forgets past failures: the next delay starts again from the minimum ceiling. Call after a success. */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }

    private long ceilingNanos(int n) {
        // Doubling past 62 bits would overflow; any n that large is long past the cap.
        if (n >= 62 || minNanos > (maxNanos >> n)) {
            return maxNanos;
        }
        return Math.min(maxNanos, minNanos << n);
    }
}
