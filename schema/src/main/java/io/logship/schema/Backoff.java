package io.logship.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with full jitter: the one definition of "how long to wait before retrying" for the
 * agent's senders ({@code RetryPolicy}), the extension's Datadog writer ({@code ReconnectBackoff}) and the syslog
 * output's reconnect delay.
 *
 * <p>After {@code attempt ≥ 1} consecutive failures the ceiling is {@code min(max, base × factor^(attempt-1))} and
 * the delay is {@code jitter × ceiling}, where the jitter source returns a value in {@code [0, 1]}. With a uniform
 * source this is "full jitter" (AWS's "Exponential Backoff And Jitter"): many clients that failed together do not
 * retry together. {@link #NO_JITTER} gives exactly the ceiling, and {@code factor = 1} with {@code base = max} gives
 * a fixed delay. {@code attempt = 0} (nothing failed yet) gives {@link Duration#ZERO}.
 *
 * <p>The ceiling is computed in doubles, so {@code factor^n} never overflows: it grows to infinity and the cap takes
 * over. Results are exact to the nanosecond below 2^53 ns (about 104 days).
 *
 * <p>Immutable, holds no failure count (callers keep theirs), and thread-safe when the jitter source is (the
 * default, {@link ThreadLocalRandom}, is). Dependency-free: only {@code java.base}.
 */
public final class Backoff {
    /** A jitter source that always returns 1: the delay is exactly the ceiling. */
    public static final DoubleSupplier NO_JITTER = () -> 1.0;

    /** A uniform jitter source in {@code [0, 1)} from {@link ThreadLocalRandom}. */
    public static final DoubleSupplier UNIFORM_JITTER =
            () -> ThreadLocalRandom.current().nextDouble();

    private final Duration base;
    private final double factor;
    private final Duration max;
    private final DoubleSupplier jitter;

    /**
     * @param base the first ceiling, {@code ≥ 0}
     * @param factor growth of the ceiling per failure, {@code ≥ 1} and finite (1 means a constant ceiling)
     * @param max the largest ceiling, {@code ≥ base}
     * @param jitter a source of values in {@code [0, 1]}, multiplied with the ceiling; e.g. {@link #UNIFORM_JITTER}
     *     or {@link #NO_JITTER}
     * @throws IllegalArgumentException when a value is out of range; the message names it and quotes it
     */
    public Backoff(Duration base, double factor, Duration max, DoubleSupplier jitter) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        if (base.isNegative()) {
            throw new IllegalArgumentException("base must be >= 0: " + base);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be >= 1 and finite: " + factor);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max must be >= base (" + base + "): " + max);
        }
        this.base = base;
        this.factor = factor;
        this.max = max;
    }

    /** A fixed delay: {@code delay} after every failure, no growth, no jitter. */
    public static Backoff fixed(Duration delay) {
        return new Backoff(delay, 1.0, delay, NO_JITTER);
    }

    /**
     * The delay before the next attempt.
     *
     * @param attempt consecutive failures so far; 0 gives {@link Duration#ZERO}
     * @return {@code jitter × ceiling(attempt)}, in {@code [0, max]}
     * @throws IllegalArgumentException if {@code attempt < 0}
     * @throws IllegalStateException if the jitter source returns a value outside {@code [0, 1]}
     */
    public Duration delay(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        if (attempt == 0) {
            return Duration.ZERO;
        }
        double r = jitter.getAsDouble();
        if (!(r >= 0.0 && r <= 1.0)) {
            throw new IllegalStateException("jitter must return a value in [0, 1]: " + r);
        }
        return Duration.ofNanos((long) (r * ceilingNanos(attempt)));
    }

    /** The ceiling after {@code attempt ≥ 1} failures: {@code min(max, base × factor^(attempt-1))}. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
        }
        return Duration.ofNanos((long) ceilingNanos(attempt));
    }

    /**
     * The smallest failure count whose ceiling is {@code max}: counting failures beyond it changes nothing, so a
     * caller may saturate its count there. 1 when the ceiling never grows ({@code factor = 1} or {@code base = max}).
     */
    public int saturatingAttempts() {
        if (factor == 1.0 || base.equals(max)) {
            return 1;
        }
        if (base.isZero()) {
            return Integer.MAX_VALUE; // 0 × factor^n never reaches max
        }
        double steps = Math.ceil(Math.log((double) max.toNanos() / base.toNanos()) / Math.log(factor));
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, steps)) + 1;
    }

    public Duration base() {
        return base;
    }

    public double factor() {
        return factor;
    }

    public Duration max() {
        return max;
    }

    private double ceilingNanos(int attempt) {
        double grown = base.toNanos() * Math.pow(factor, attempt - 1);
        return Math.min(grown, (double) max.toNanos());
    }

    @Override
    public String toString() {
        return "Backoff{base=" + base + ", factor=" + factor + ", max=" + max + '}';
    }
}
