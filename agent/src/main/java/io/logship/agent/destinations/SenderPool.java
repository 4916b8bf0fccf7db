package io.logship.agent.destinations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sender threads: {@code maxInFlight} {@link Sender}s, each with its own {@link Destination} instance (for the
 * intake: its own encoder and keep-alive connection), so up to that many requests are in flight and compression
 * runs off the event loops.
 *
 * <p>Thread-safe. {@link #stop} is bounded: senders keep delivering until their source is exhausted or the
 * deadline passes, then are interrupted (a batch they still hold is abandoned: kept if spooled, else counted).
 */
public final class SenderPool {
    private final List<Thread> threads = new ArrayList<>();

    private SenderPool() {}

    /**
     * Starts the senders.
     *
     * @param maxInFlight sender threads, hence requests in flight, {@code >= 1}
     * @param source where batches come from
     * @param destinations makes one destination instance per sender
     * @param backoff shared by all senders (one destination)
     * @param counters shared by all senders
     * @param maxAttempts attempts per batch, or {@link Sender#UNBOUNDED_ATTEMPTS}
     */
    public static SenderPool start(
            int maxInFlight,
            DeliverySource source,
            Supplier<Destination> destinations,
            BackoffState backoff,
            SendCounters counters,
            int maxAttempts) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        }
        Objects.requireNonNull(source, "source");
        SenderPool pool = new SenderPool();
        for (int i = 0; i < maxInFlight; i++) {
            Sender sender = new Sender(source, destinations.get(), backoff, counters, maxAttempts);
            Thread t = new Thread(sender, "logship-sender-" + i);
            t.setDaemon(true);
            pool.threads.add(t);
        }
        pool.threads.forEach(Thread::start);
        return pool;
    }

    /**
     * Lets the senders deliver until their source is exhausted (close the queue first) or {@code grace} has
     * passed, then interrupts them.
     *
     * @return true if every sender finished within the grace period
     */
    public boolean stop(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                clean = false;
            }
        }
        if (!clean) {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        return clean;
    }
}
