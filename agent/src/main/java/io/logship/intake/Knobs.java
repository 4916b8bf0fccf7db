package io.logship.intake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test knobs of the local intake: answer the next N intake requests with a chosen status, delay every answer,
 * or go back to normal.
 *
 * <p>Knobs apply to the intake routes ({@code /api/v2/logs}, {@code /v1/input}) only; queries and knobs themselves
 * are never failed or delayed. A failed request is not decoded and stores nothing.
 *
 * <p>Thread-safe: each knob is one atomic reference, and arming replaces the previous setting.
 */
public final class Knobs {
    /**
     * The longest delay accepted, so that a typo cannot hang a client forever; kept below the connection idle
     * timeout ({@link IntakeChannelInitializer#DEFAULT_IDLE_TIMEOUT_SECONDS}) so a delayed answer still arrives.
     */
    public static final Duration MAX_DELAY = Duration.ofMinutes(2);

    /** The most requests one {@link #failNext} call may fail. */
    public static final int MAX_FAIL_COUNT = 1_000_000;

    /** One forced answer: a status and, when present, a {@code Retry-After} in whole seconds. */
    public record Failure(int status, Optional<Duration> retryAfter) {
        public Failure {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    private record FailPlan(int remaining, Failure failure) {}

    private final AtomicReference<FailPlan> failPlan = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

    /**
     * Answers the next {@code n} intake requests with {@code status} (and a {@code Retry-After} header carrying
     * {@code retryAfter} rounded up to whole seconds, when present). Replaces any earlier setting.
     *
     * @throws IllegalArgumentException if {@code n} is outside 0..{@value #MAX_FAIL_COUNT}, {@code status}
     *                                  outside 200..599 or {@code retryAfter} negative
     */
    public void failNext(int n, int status, Optional<Duration> retryAfter) {
        if (n < 0 || n > MAX_FAIL_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_FAIL_COUNT + ": " + n);
        }
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be between 200 and 599: " + status);
        }
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter.get());
        }
        failPlan.set(n == 0 ? null : new FailPlan(n, new Failure(status, retryAfter)));
    }

    /**
     * Delays every intake answer by {@code delay} (zero turns it off). The delay is a timer on the event loop, so
     * it holds no thread.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_DELAY}
     */
    public void delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "delay must be between 0 and " + MAX_DELAY.toMillis() + " ms: " + delay.toMillis() + " ms");
        }
        this.delay.set(delay);
    }

    /** Clears every knob: no forced failures, no delay. Stored records are kept. */
    public void clear() {
        failPlan.set(null);
        delay.set(Duration.ZERO);
    }

    /** How many forced failures are still armed. */
    public int remainingFailures() {
        FailPlan plan = failPlan.get();
        return plan == null ? 0 : plan.remaining();
    }

    /** The current answer delay. */
    public Duration currentDelay() {
        return delay.get();
    }

    /** Takes one forced failure if any is armed. */
    Optional<Failure> takeFailure() {
        while (true) {
            FailPlan plan = failPlan.get();
            if (plan == null) {
                return Optional.empty();
            }
            FailPlan next = plan.remaining() == 1 ? null : new FailPlan(plan.remaining() - 1, plan.failure());
            if (failPlan.compareAndSet(plan, next)) {
                return Optional.of(plan.failure());
            }
        }
    }
}
