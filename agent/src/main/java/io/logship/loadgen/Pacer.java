package io.logship.loadgen;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds one connection to a steady line rate: before sending, it parks until the time at which the lines already
 * sent would be on schedule. A late start or a stall is caught up at full speed, never slowed further.
 *
 * <p>Not thread-safe: one per connection.
 */
final class Pacer {
    private final double nanosPerLine;
    private final LongSupplier nanoClock;
    private final LongConsumer parker;
    private final long start;

    /**
     * @param linesPerSecond the rate, {@code > 0}
     * @param nanoClock a monotonic clock, e.g. {@code System::nanoTime}
     * @param parker waits about the given nanoseconds, e.g. {@code LockSupport::parkNanos}
     */
    Pacer(double linesPerSecond, LongSupplier nanoClock, LongConsumer parker) {
        if (!(linesPerSecond > 0)) {
            throw new IllegalArgumentException("linesPerSecond must be > 0: " + linesPerSecond);
        }
        this.nanosPerLine = 1e9 / linesPerSecond;
        this.nanoClock = nanoClock;
        this.parker = parker;
        this.start = nanoClock.getAsLong();
    }

    static Pacer of(double linesPerSecond) {
        return new Pacer(linesPerSecond, System::nanoTime, LockSupport::parkNanos);
    }

    /** Waits until {@code linesSent} lines are due. */
    void awaitTurn(long linesSent) {
        long due = start + (long) (linesSent * nanosPerLine);
        for (long wait = due - nanoClock.getAsLong(); wait > 0; wait = due - nanoClock.getAsLong()) {
            parker.accept(wait);
        }
    }
}
