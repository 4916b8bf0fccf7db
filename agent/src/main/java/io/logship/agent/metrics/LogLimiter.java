package io.logship.agent.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval, so that a failure that repeats (a client that can trigger it at will, a
 * disk that stays full) cannot flood the log: the caller logs only when {@link #mayLog()} says so, and puts the
 * running count in the line. The agent's one rate limiter for log lines; Vector rate-limits its error logs to the
 * same {@value #DEFAULT_INTERVAL_SECONDS} s.
 *
 * <p>Thread-safe and lock-free: one volatile read per call, one compare-and-set when a line is due.
 */
public final class LogLimiter {
    /** Seconds between two lines by default. */
    public static final long DEFAULT_INTERVAL_SECONDS = 10;

    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());

    /** One line per {@value #DEFAULT_INTERVAL_SECONDS} s; the first call may log. */
    public LogLimiter() {
        this(Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS));
    }

    /** One line per {@code interval}; the first call may log. */
    public LogLimiter(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0: " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** True at most once per interval: the caller logs its line now. */
    public boolean mayLog() {
        long now = System.nanoTime();
        long next = nextNanos.get();
        return now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos);
    }
}
