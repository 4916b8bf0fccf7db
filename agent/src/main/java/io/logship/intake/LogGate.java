package io.logship.intake;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per period, so that a client who can trigger a warning at will (a refused request)
 * cannot flood the log. The same pattern as the agent's input errors: at most one line every
 * {@link #DEFAULT_PERIOD_SECONDS} s, carrying the running count.
 *
 * <p>Thread-safe: one compare-and-set per call that is due.
 */
final class LogGate {
    /** Seconds between two lines; Vector rate-limits its error logs to the same 10 s. */
    static final long DEFAULT_PERIOD_SECONDS = 10;

    private final long periodNanos = TimeUnit.SECONDS.toNanos(DEFAULT_PERIOD_SECONDS);
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());

    /** True at most once per period. */
    boolean open() {
        long now = System.nanoTime();
        long next = nextNanos.get();
        return now - next >= 0 && nextNanos.compareAndSet(next, now + periodNanos);
    }
}
