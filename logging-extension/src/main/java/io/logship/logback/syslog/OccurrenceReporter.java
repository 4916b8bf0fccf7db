package io.logship.logback.syslog;

import ch.qos.logback.core.spi.ContextAware;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a repeated runtime problem (a dropped or truncated record) and reports it through logback's status
 * system without flooding it: a warning on the first occurrence and on every {@link #DEFAULT_REPORT_EVERY}th one,
 * with the running total, and an info message with the streak's length once things work again.
 *
 * <p>Thread-safe and allocation-free on the success path (one volatile read).
 */
public final class OccurrenceReporter {
    /** A warning goes out on the first occurrence and then once per this many. */
    public static final int DEFAULT_REPORT_EVERY = 1000;

    private final ContextAware owner;
    private final String what;
    private final int every;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong streak = new AtomicLong();

    /**
     * @param owner the component whose status messages these are
     * @param what a plural noun phrase, e.g. "records dropped"
     */
    public OccurrenceReporter(ContextAware owner, String what) {
        this(owner, what, DEFAULT_REPORT_EVERY);
    }

    OccurrenceReporter(ContextAware owner, String what, int every) {
        this.owner = owner;
        this.what = what;
        this.every = every;
    }

    /** Counts one occurrence; reports it when it is the first or an Nth one. */
    public void occurred(String reason, Throwable cause) {
        long n = total.incrementAndGet();
        long s = streak.incrementAndGet();
        if (s == 1 || s % every == 0) {
            owner.addWarn(
                    what + ": " + n + " so far (reported on the first and every " + every + "th): " + reason, cause);
        }
    }

    /** Marks a success: if a streak of occurrences was running, reports its length once. */
    public void resolved() {
        if (streak.get() != 0) {
            long s = streak.getAndSet(0);
            if (s != 0) {
                owner.addInfo("working again after " + s + " " + what + " in a row (" + total.get() + " in total)");
            }
        }
    }

    /** Occurrences since the component was created. */
    public long total() {
        return total.get();
    }
}
