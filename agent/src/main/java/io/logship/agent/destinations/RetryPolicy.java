package io.logship.agent.destinations;

import io.logship.schema.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next delivery attempt: capped exponential backoff with full jitter, or the intake's
 * {@code Retry-After} when it sent one.
 *
 * <p>After {@code n ≥ 1} failed attempts the ceiling is {@code min(max, base × factor^(n-1))} and the delay is
 * uniform in {@code [0, ceiling)} ("full jitter": many agents that failed together do not retry together). With the
 * defaults (1 s, ×2, 120 s, the Datadog Agent's {@code sender_backoff_*}) the ceilings are 1, 2, 4, … 64 s, then
 * 120 s from the 8th failure on. The first attempt ({@code n = 0}) is immediate.
 *
 * <p><b>Retry-After.</b> When the caller passes one (it should only for 429 and 503, see
 * {@link ResponseClassifier#honoursRetryAfter(int)}), the delay is exactly that value, not jittered, capped at
 * {@code max}: the server said when it can take more, and waiting longer than our own ceiling would stall delivery
 * on a misbehaving server's word. None of the Datadog Agent, Vector or Fluent Bit honours it; we do.
 *
 * <p>There is no attempt limit here: retries are unbounded (as in the Datadog Agent) and the spool's
 * {@code max_bytes} bounds what waits. A sender that wants a limit counts attempts itself.
 *
 * <p>The arithmetic is the shared {@link Backoff} (also used by the logback extension); this class adds the
 * agent's defaults, its limits, and {@code Retry-After}.
 *
 * <p>Immutable and thread-safe when the random source is (the default, {@link ThreadLocalRandom}, is).
 *
 * <p>Pitfalls: {@code Retry-After: 0} on every answer means retry at once, every time; that is the server's
 * request, and each retry still costs a round trip. Keep one failure count per destination (see
 * {@link BackoffState}), not per batch, or concurrent batches hammer a struggling intake in parallel.
 */
public final class RetryPolicy {
    /** First backoff ceiling: {@value #DEFAULT_BASE_MILLIS} ms (Datadog Agent {@code sender_backoff_base} 1.0 s). */
    public static final long DEFAULT_BASE_MILLIS = 1_000;
    /** First backoff ceiling, as a {@link Duration}: {@value #DEFAULT_BASE_MILLIS} ms. */
    public static final Duration DEFAULT_BASE = Duration.ofMillis(DEFAULT_BASE_MILLIS);
    /** Growth of the ceiling per failure: {@value} (Datadog Agent {@code sender_backoff_factor} 2.0). */
    public static final double DEFAULT_FACTOR = 2.0;
    /** Largest delay, also the cap on {@code Retry-After}: {@value #DEFAULT_MAX_SECONDS} s (Datadog Agent 120 s). */
    public static final long DEFAULT_MAX_SECONDS = 120;
    /** Largest delay, as a {@link Duration}: {@value #DEFAULT_MAX_SECONDS} s. */
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(DEFAULT_MAX_SECONDS);
    /** Upper bound for {@code max}: one day. A longer wait is a misconfiguration, and nanosecond math stays exact. */
    public static final Duration LIMIT_MAX = Duration.ofDays(1);

    /** The shared backoff arithmetic; its jitter is {@code random}, checked to be in [0, 1). */
    private final Backoff backoff;

    /**
     * @param base the first ceiling, {@code > 0}
     * @param factor growth per failure, {@code ≥ 1} (1 means constant ceiling)
     * @param max the largest delay and the cap on {@code Retry-After}, {@code ≥ base} and {@code ≤} {@link #LIMIT_MAX}
     * @param random a source of doubles uniform in {@code [0, 1)}, e.g. {@code RandomGenerator::nextDouble}
     * @throws IllegalArgumentException when a value is out of range; the message names it and quotes it
     */
    public RetryPolicy(Duration base, double factor, Duration max, DoubleSupplier random) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be > 0: " + base);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be >= 1 and finite: " + factor);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max must be >= base (" + base + "): " + max);
        }
        if (max.compareTo(LIMIT_MAX) > 0) {
            throw new IllegalArgumentException("max must be <= " + LIMIT_MAX + ": " + max);
        }
        this.backoff = new Backoff(base, factor, max, () -> halfOpenUnit(random.getAsDouble()));
    }

    private static double halfOpenUnit(double r) {
        if (!(r >= 0.0 && r < 1.0)) {
            throw new IllegalStateException("random must return a value in [0, 1): " + r);
        }
        return r;
    }

    /** The Datadog Agent's policy: 1 s, ×2, 120 s, jitter from {@link ThreadLocalRandom}. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(
                DEFAULT_BASE,
                DEFAULT_FACTOR,
                DEFAULT_MAX,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay before the next attempt.
     *
     * @param failedAttempts consecutive failures so far (per destination); 0 gives {@link Duration#ZERO}
     * @param retryAfter the parsed {@code Retry-After} of the last answer (see {@link RetryAfter}), or empty
     * @return the delay, in {@code [0, max]}
     * @throws IllegalArgumentException if {@code failedAttempts < 0}
     */
    public Duration delayBeforeAttempt(int failedAttempts, Optional<Duration> retryAfter) {
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts must be >= 0: " + failedAttempts);
        }
        if (retryAfter.isPresent()) {
            return clampToMax(retryAfter.get());
        }
        return backoff.delay(failedAttempts);
    }

    /** The jitter ceiling after {@code failedAttempts ≥ 1} failures: {@code min(max, base × factor^(n-1))}. */
    public Duration ceiling(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be >= 1: " + failedAttempts);
        }
        return backoff.ceiling(failedAttempts);
    }

    /**
     * The smallest failure count whose ceiling is {@code max}: counting failures beyond it changes nothing,
     * so {@link BackoffState} saturates there (the Datadog Agent's {@code maxErrors}). 8 with the defaults.
     */
    public int saturatingFailures() {
        return backoff.saturatingAttempts();
    }

    public Duration base() {
        return backoff.base();
    }

    public double factor() {
        return backoff.factor();
    }

    public Duration max() {
        return backoff.max();
    }

    private Duration clampToMax(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(max()) > 0 ? max() : retryAfter;
    }

    @Override
    public String toString() {
        return "RetryPolicy{base=" + base() + ", factor=" + factor() + ", max=" + max() + '}';
    }
}
