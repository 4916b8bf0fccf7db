package io.logship.intake;

import io.logship.agent.metrics.LogLimiter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request-body bytes that all intake connections together may hold while bodies arrive and wait for a worker:
 * one budget per intake, shared by every connection's {@link BodyBudgetHandler}.
 *
 * <p><b>Limit:</b> {@link LocalIntakeOptions#maxBufferedBodyBytes()}. A reservation that would pass it is refused
 * (the handler answers 503), so {@link #bufferedBytes()} never exceeds {@link #limitBytes()}; {@link #peakBytes()}
 * records the highest value seen, for tests and operators.
 *
 * <p>Thread-safe and lock-free: one compare-and-set loop per reservation (one per request head, or per chunk of a
 * chunked body), never per byte.
 */
final class BodyBudget {
    private final long limitBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final LongAdder refused = new LongAdder();
    /** One per intake, shared by its connections: the warning is about the intake, not one client. */
    private final LogLimiter warnings = new LogLimiter();

    BodyBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be > 0: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** Reserves {@code bytes}; false (and nothing reserved) when that would pass the limit. */
    boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
        while (true) {
            long now = buffered.get();
            long next = now + bytes;
            if (next > limitBytes) {
                refused.increment();
                return false;
            }
            if (buffered.compareAndSet(now, next)) {
                peak.accumulateAndGet(next, Math::max);
                return true;
            }
        }
    }

    /** Gives back bytes reserved earlier. */
    void release(long bytes) {
        if (bytes > 0) {
            buffered.addAndGet(-bytes);
        }
    }

    /** Body bytes reserved right now. */
    long bufferedBytes() {
        return buffered.get();
    }

    /** The highest {@link #bufferedBytes()} since start; never above {@link #limitBytes()}. */
    long peakBytes() {
        return peak.get();
    }

    long limitBytes() {
        return limitBytes;
    }

    /** True at most once per {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s: time to log a refusal warning. */
    boolean warningDue() {
        return warnings.mayLog();
    }

    /** Reservations refused since start (each answered 503). */
    long refusals() {
        return refused.sum();
    }
}
