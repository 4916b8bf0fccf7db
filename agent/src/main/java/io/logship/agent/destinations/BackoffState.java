package io.logship.agent.destinations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The retry state of one destination, shared by all its senders: the failure count (which sets the delay through
 * {@link RetryPolicy}, the one definition of backoff), whether the intake is failing now, which sender probes it,
 * and its {@link DestinationHealth}.
 *
 * <p><b>Recovery.</b> While the intake fails, exactly one sender, the prober, retries; it waits
 * {@code min(policy delay, probeInterval)} between attempts ({@code Retry-After} on 429/503 instead, exactly, capped
 * at the policy's max). Every other sender whose attempt failed parks on a condition, holding its batch, without a
 * timer. The first answered attempt (2xx, or a permanent drop: the intake is up) wakes them all at once, so the
 * backlog drains at full speed as soon as the intake is back: the first delivery comes at most
 * {@code probeInterval} plus one round trip after it returns. A failure of an attempt that began before the latest
 * success is stale (the intake answered since) and does not start a new outage: that sender retries at once.
 *
 * <p><b>Failure count.</b> It grows on each retryable failure and shrinks by {@code recoveryInterval} on each
 * answered attempt, like the Datadog Agent's {@code ExpBackoffPolicy}, and saturates at
 * {@link RetryPolicy#saturatingFailures()}. It only sets the prober's delay, never the others'.
 *
 * <p>Thread-safe: one lock, taken once per failed attempt and by the first answered attempt of a recovery; the
 * healthy path takes no lock.
 *
 * <p>Pitfalls: record a {@link Outcome#DROP} as answered (the intake is up), or a stream of 400s parks healthy
 * traffic. A sender whose delivery ends while it probes (stop, attempts exhausted) must call {@link #leave()}, or
 * the parked senders wait for a probe that never comes.
 */
public final class BackoffState {
    /** Failures forgiven per success: {@value} (Datadog Agent {@code sender_recovery_interval} 2). */
    public static final int DEFAULT_RECOVERY_INTERVAL = 2;
    /**
     * The prober's longest wait between attempts without {@code Retry-After}: {@value #DEFAULT_PROBE_INTERVAL_MILLIS}
     * ms, whatever {@code retry.max} is, so delivery resumes within about a second of the intake's return. One
     * request per second from one sender is no load for an intake that is down.
     */
    public static final long DEFAULT_PROBE_INTERVAL_MILLIS = 1_000;
    /** {@link #DEFAULT_PROBE_INTERVAL_MILLIS} as a {@link Duration}. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(DEFAULT_PROBE_INTERVAL_MILLIS);

    private final RetryPolicy policy;
    private final int recoveryInterval;
    private final int saturation;
    private final Duration probeInterval;
    private final DestinationHealth health;
    private final AtomicInteger failures = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean failing;
    private volatile long lastAnsweredNanos = System.nanoTime();
    private Thread prober;

    /**
     * @param policy the delays; not null
     * @param recoveryInterval failures forgiven per success, {@code ≥ 1}
     *     ({@link Integer#MAX_VALUE} resets on the first success, like {@code sender_recovery_reset})
     * @param probeInterval the prober's longest wait without {@code Retry-After}, {@code > 0}
     * @param health where the senders' results go, for {@code /ready}
     * @throws IllegalArgumentException if {@code recoveryInterval < 1} or {@code probeInterval <= 0}
     */
    public BackoffState(RetryPolicy policy, int recoveryInterval, Duration probeInterval, DestinationHealth health) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (recoveryInterval < 1) {
            throw new IllegalArgumentException("recoveryInterval must be >= 1: " + recoveryInterval);
        }
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("probeInterval must be > 0: " + probeInterval);
        }
        this.recoveryInterval = recoveryInterval;
        this.saturation = policy.saturatingFailures();
        this.probeInterval = probeInterval;
        this.health = Objects.requireNonNull(health, "health");
    }

    /** A state with {@code recoveryInterval}, {@link #DEFAULT_PROBE_INTERVAL}, health grace = the policy's max. */
    public BackoffState(RetryPolicy policy, int recoveryInterval) {
        this(policy, recoveryInterval, DEFAULT_PROBE_INTERVAL, new DestinationHealth(policy.max()));
    }

    /** A state with {@link #DEFAULT_RECOVERY_INTERVAL}. */
    public BackoffState(RetryPolicy policy) {
        this(policy, DEFAULT_RECOVERY_INTERVAL);
    }

    /** Records a retryable failure and returns the new count (saturated). Does not touch the outage state. */
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

    /** The policy's delay at the current count ({@link Duration#ZERO} when healthy), not capped for probing. */
    public Duration nextDelay(Optional<Duration> retryAfter) {
        return policy.delayBeforeAttempt(failures.get(), retryAfter);
    }

    /** Whether the intake is failing now (an outage began and no attempt was answered since). */
    public boolean failing() {
        return failing;
    }

    /** The destination's health, for {@code /ready}. */
    public DestinationHealth health() {
        return health;
    }

    /** The intake answered an attempt: ends an outage and wakes every parked sender. */
    void answered() {
        recordSuccess();
        lastAnsweredNanos = System.nanoTime();
        if (!failing) {
            return; // the healthy path: no lock
        }
        lock.lock();
        try {
            failing = false;
            prober = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An attempt that began at {@code attemptStartNanos} failed and will be retried: counts it, and starts an
     * outage unless the intake answered another attempt since this one began.
     */
    void failed(long attemptStartNanos) {
        recordFailure();
        lock.lock();
        try {
            // A race with answered() can start an outage just after an answer: it costs one probe delay at most.
            if (attemptStartNanos - lastAnsweredNanos >= 0) {
                failing = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the calling sender may retry: at once when no outage is on; the prober (the first sender to
     * ask) after its delay or as soon as another attempt is answered; every other sender until an attempt is
     * answered or the prober leaves (then one of them probes).
     *
     * @param retryAfter the last answer's parsed {@code Retry-After} (429/503), or empty
     * @throws InterruptedException when the sender is stopped while waiting (it is no longer the prober)
     */
    void awaitRetry(Optional<Duration> retryAfter) throws InterruptedException {
        Thread me = Thread.currentThread();
        lock.lockInterruptibly();
        try {
            while (failing) {
                if (prober == null) {
                    prober = me;
                }
                if (prober == me) {
                    long nanos = probeDelay(retryAfter).toNanos();
                    while (nanos > 0 && failing) {
                        nanos = changed.awaitNanos(nanos);
                    }
                    return;
                }
                changed.await();
            }
            if (prober == me) {
                prober = null;
            }
        } catch (InterruptedException e) {
            leaveLocked(me);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The calling sender's delivery ended without an answer (stop, attempts exhausted): hand the probe on. */
    void leave() {
        lock.lock();
        try {
            leaveLocked(Thread.currentThread());
        } finally {
            lock.unlock();
        }
    }

    private void leaveLocked(Thread me) {
        if (prober == me) {
            prober = null;
            changed.signalAll();
        }
    }

    /** {@code Retry-After} as the policy clamps it; else the policy's jittered delay, capped at the probe interval. */
    Duration probeDelay(Optional<Duration> retryAfter) {
        Duration delay = policy.delayBeforeAttempt(Math.max(1, failures.get()), retryAfter);
        if (retryAfter.isPresent()) {
            return delay;
        }
        return delay.compareTo(probeInterval) > 0 ? probeInterval : delay;
    }

    @Override
    public String toString() {
        return "BackoffState{failures=" + failures.get() + ", failing=" + failing + ", recoveryInterval="
                + recoveryInterval + '}';
    }
}
