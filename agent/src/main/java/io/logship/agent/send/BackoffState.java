package io.logship.agent.send;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failure count of one destination, shared by all its concurrent sends: it grows on each retryable failure and
 * shrinks by {@code recoveryInterval} on each success, like the Datadog Agent's {@code ExpBackoffPolicy}.
 *
 * <p>Gradual recovery means one lucky success after a long outage does not put every waiting batch back on the wire
 * at full speed. The count saturates at {@link RetryPolicy#saturatingFailures()} (where the delay reaches its max),
 * so recovery from a long outage takes a bounded number of successes: 4 with the defaults (8 failures, −2 each).
 *
 * <p>Thread-safe: lock-free updates on one {@link AtomicInteger}.
 *
 * <p>Pitfalls: record a {@link Outcome#DROP} as a success for backoff purposes (the intake answered), or a stream of
 * 400s slows healthy traffic down.
 */
public final class BackoffState {
    /** Failures forgiven per success: {@value} (Datadog Agent {@code sender_recovery_interval} 2). */
    public static final int DEFAULT_RECOVERY_INTERVAL = 2;

    private final RetryPolicy policy;
    private final int recoveryInterval;
    private final int saturation;
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * @param policy the delays; not null
     * @param recoveryInterval failures forgiven per success, {@code ≥ 1}
     *     ({@link Integer#MAX_VALUE} resets on the first success, like {@code sender_recovery_reset})
     * @throws IllegalArgumentException if {@code recoveryInterval < 1}
     */
    public BackoffState(RetryPolicy policy, int recoveryInterval) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (recoveryInterval < 1) {
            throw new IllegalArgumentException("recoveryInterval must be >= 1: " + recoveryInterval);
        }
        this.recoveryInterval = recoveryInterval;
        this.saturation = policy.saturatingFailures();
    }

    /** A state with {@link #DEFAULT_RECOVERY_INTERVAL}. */
    public BackoffState(RetryPolicy policy) {
        this(policy, DEFAULT_RECOVERY_INTERVAL);
    }

    /** Records a retryable failure and returns the new count (saturated). */
    public int recordFailure() {
        return failures.updateAndGet(n -> Math.min(saturation, n + 1));
    }

    /** Records an answered attempt (success or permanent drop) and returns the new count. */
    public int recordSuccess() {
        return failures.updateAndGet(n -> Math.max(0, n - recoveryInterval));
    }

    /** Consecutive-failure count, as recovery leaves it; 0 means healthy. */
    public int failures() {
        return failures.get();
    }

    /** The delay before the next attempt at the current count; {@link Duration#ZERO} when healthy. */
    public Duration nextDelay(Optional<Duration> retryAfter) {
        return policy.delayBeforeAttempt(failures.get(), retryAfter);
    }

    @Override
    public String toString() {
        return "BackoffState{failures=" + failures.get() + ", recoveryInterval=" + recoveryInterval + '}';
    }
}
