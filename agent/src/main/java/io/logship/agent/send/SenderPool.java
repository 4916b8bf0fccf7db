package io.logship.agent.send;

import io.logship.agent.batch.BatchQueue;
import io.logship.agent.encode.PayloadEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sender threads: {@code maxInFlight} {@link Sender}s, each with its own encoder and keep-alive connection, so
 * up to that many requests are in flight and compression runs off the event loops.
 *
 * <p>Thread-safe. {@link #stop} is bounded: senders keep delivering what is queued until the deadline, then are
 * interrupted.
 */
public final class SenderPool {
    private final BatchQueue queue;
    private final List<Thread> threads = new ArrayList<>();

    private SenderPool(BatchQueue queue) {
        this.queue = queue;
    }

    /**
     * Starts the senders.
     *
     * @param maxInFlight sender threads, hence requests in flight, {@code >= 1}
     * @param queue where batches come from
     * @param encoders makes one encoder per sender
     * @param connections makes one connection per sender
     * @param backoff shared by all senders (one destination)
     * @param counters shared by all senders
     * @param maxAttempts attempts per batch
     * @param timeout deadline of one attempt
     */
    public static SenderPool start(int maxInFlight, BatchQueue queue, Supplier<PayloadEncoder> encoders,
                                   Supplier<HttpConnection> connections, BackoffState backoff, SendCounters counters,
                                   int maxAttempts, Duration timeout) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1: " + maxInFlight);
        Objects.requireNonNull(queue, "queue");
        SenderPool pool = new SenderPool(queue);
        for (int i = 0; i < maxInFlight; i++) {
            Sender sender = new Sender(queue, encoders.get(), connections.get(), backoff, counters, maxAttempts,
                    timeout);
            Thread t = new Thread(sender, "logship-sender-" + i);
            t.setDaemon(true);
            pool.threads.add(t);
        }
        pool.threads.forEach(Thread::start);
        return pool;
    }

    /**
     * Closes the queue, lets the senders deliver what is in it until {@code grace} has passed, then interrupts
     * them.
     *
     * @return true if every sender finished within the grace period
     */
    public boolean stop(Duration grace) throws InterruptedException {
        queue.close();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) clean = false;
        }
        if (!clean) {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(5));
        }
        return clean;
    }
}
