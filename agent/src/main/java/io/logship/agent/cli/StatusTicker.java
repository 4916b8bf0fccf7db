package io.logship.agent.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Prints a {@link StatusLine} every period while the agent runs on a terminal; never when the output goes to a file,
 * a pipe or the journal (those logs stay clean: {@link #startIf} returns a ticker that does nothing).
 *
 * <p>One daemon thread; {@link #tick()} is what it runs, callable directly from tests. Thread-safe.
 */
final class StatusTicker implements AutoCloseable {
    /** How often the line is printed on a terminal. */
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

    private final Supplier<StatusLine.Snapshot> snapshots;
    private final Consumer<String> out;
    private final ScheduledExecutorService timer;
    private StatusLine.Snapshot last;

    private StatusTicker(
            Supplier<StatusLine.Snapshot> snapshots, Consumer<String> out, ScheduledExecutorService timer) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.out = Objects.requireNonNull(out, "out");
        this.timer = timer;
        this.last = snapshots.get();
    }

    /**
     * A ticker printing to {@code out} every {@code period} when {@code terminal}; else one that prints nothing and
     * holds no thread.
     */
    static StatusTicker startIf(
            boolean terminal, Duration period, Supplier<StatusLine.Snapshot> snapshots, Consumer<String> out) {
        if (!terminal) {
            return new StatusTicker(snapshots, line -> {}, null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "logship-status-line");
            thread.setDaemon(true);
            return thread;
        });
        StatusTicker ticker = new StatusTicker(snapshots, out, timer);
        long millis = period.toMillis();
        timer.scheduleAtFixedRate(ticker::tickSafely, millis, millis, TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** Prints the line for the time since the last one. */
    synchronized void tick() {
        StatusLine.Snapshot now = snapshots.get();
        out.accept(StatusLine.between(last, now));
        last = now;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A status line is a courtesy: a failing one must not end the schedule nor the agent; the next tick
            // tries again, and the failure is visible on the terminal that would have shown the line.
            out.accept("status: unavailable: " + e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
