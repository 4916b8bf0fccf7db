package io.logship.logback.datadog;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Copies an output's warnings (drops, records left at shutdown, an unreachable agent) to the application's stderr,
 * in logback's own status format, at most one line per {@code interval}: an application with no status listener
 * still learns that records are being lost. Warnings inside the interval are counted and the count rides on the next
 * line; a line marked {@code always} (records left behind at shutdown) is never held back.
 *
 * <p>Thread-safe; the first warning of a burst prints on the calling thread (the application's, for a drop), as
 * logback's own status printing does.
 */
final class StderrNotice {

    /** Default shortest time between two lines, in ms: {@value} (Vector rate-limits its error logs to 10 s). */
    static final long DEFAULT_INTERVAL_MILLIS = 10_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss,SSS");

    private final PrintStream out;
    private final long intervalNanos;
    private boolean printed;
    private long lastNanos;
    private int held;

    StderrNotice(PrintStream out, long intervalMillis) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("intervalMillis must be >= 0: " + intervalMillis);
        }
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Prints {@code message} from {@code origin} unless a line went out less than the interval ago. */
    synchronized void warn(String origin, String message, boolean always) {
        long now = System.nanoTime();
        if (!always && printed && now - lastNanos < intervalNanos) {
            held++;
            return;
        }
        StringBuilder line = new StringBuilder(message.length() + 96)
                .append(LocalTime.now().format(TIME))
                .append(" |-WARN in ")
                .append(origin)
                .append(" - ")
                .append(message);
        if (held > 0) {
            line.append(" (")
                    .append(held)
                    .append(held == 1 ? " earlier warning" : " earlier warnings")
                    .append(" not shown; a status listener shows every one)");
            held = 0;
        }
        out.println(line);
        printed = true;
        lastNanos = now;
    }
}
