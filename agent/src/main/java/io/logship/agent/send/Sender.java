package io.logship.agent.send;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchQueue;
import io.logship.agent.encode.PayloadEncoder;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread's work: take a batch from the queue, compress it, deliver it; the agent's only retry loop.
 *
 * <p>Each attempt's answer is classified by {@link ResponseClassifier}: 2xx is sent; 400, 401, 403 and 413 are
 * dropped and counted at once (the same bytes can never succeed); everything else, transport failures and
 * timeouts included, is retried after {@link BackoffState#nextDelay} (which honours {@code Retry-After} on 429 and
 * 503), up to {@code maxAttempts} attempts, then dropped and counted as {@link SendCounters#RETRIES_EXHAUSTED}.
 * Until the disk spool exists, that bound keeps one dead intake from holding a batch forever; the bounded queue
 * in front applies backpressure meanwhile.
 *
 * <p>Stopping: the thread ends when the queue is closed and empty, or when interrupted (a batch waiting for a
 * retry is then dropped and counted as {@link SendCounters#SHUTDOWN}).
 *
 * <p>Threads: runs on its own thread; owns its encoder and connection and closes them when it ends. Logging is per
 * batch and rate-limited, never per record.
 */
public final class Sender implements Runnable {
    /** Attempts per batch before it is dropped: {@value} (the spool's unbounded retries come later, issue 7). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BatchQueue queue;
    private final PayloadEncoder encoder;
    private final HttpConnection connection;
    private final BackoffState backoff;
    private final SendCounters counters;
    private final int maxAttempts;
    private final Duration timeout;
    private long nextLogNanos = System.nanoTime();

    /**
     * @param queue where batches come from
     * @param encoder compresses bodies (owned: closed when the loop ends)
     * @param connection the intake connection (owned: closed when the loop ends)
     * @param backoff the destination's failure count and retry policy, shared by all senders of the destination
     * @param counters updated per batch
     * @param maxAttempts attempts per batch, {@code >= 1}
     * @param timeout deadline of one attempt (connect to response)
     */
    public Sender(BatchQueue queue, PayloadEncoder encoder, HttpConnection connection, BackoffState backoff,
                  SendCounters counters, int maxAttempts, Duration timeout) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Batch batch = queue.poll(1, TimeUnit.SECONDS);
                if (batch == null) {
                    if (queue.isClosed()) return;
                    continue;
                }
                try {
                    deliver(batch);
                } finally {
                    batch.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: leave the loop, the owner counts what stays queued
        } finally {
            connection.close();
            encoder.close();
        }
    }

    /** Delivers one batch with retries; every outcome is counted. Never throws. */
    void deliver(Batch batch) {
        ByteBuf body;
        try {
            body = encoder.encode(batch.json());
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of (direct) memory or a codec failure: this batch is lost, but the sender thread must live on.
            counters.dropped(SendCounters.ENCODE_FAILED, batch.records());
            logDrop(batch, SendCounters.ENCODE_FAILED, 0, e);
            return;
        }
        Throwable failures = null;
        try {
            for (int attempt = 1; ; attempt++) {
                Reason reason;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    long start = System.nanoTime();
                    IntakeResponse response = connection.post(body, timeout);
                    counters.answered(response.status(), System.nanoTime() - start);
                    reason = ResponseClassifier.classify(response.status());
                    if (ResponseClassifier.honoursRetryAfter(response.status())) {
                        retryAfter = RetryAfter.parse(response.retryAfter(), Instant.now());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    counters.dropped(SendCounters.SHUTDOWN, batch.records());
                    return;
                } catch (Exception e) {
                    reason = ResponseClassifier.classify(e);
                    if (failures == null) failures = e; else failures.addSuppressed(e);
                }
                switch (reason.outcome()) {
                    case SUCCESS:
                        backoff.recordSuccess();
                        counters.sent(batch.records(), batch.bytes(), body.readableBytes());
                        return;
                    case DROP:
                        backoff.recordSuccess(); // the intake answered: it is up
                        counters.dropped(reason.tag(), batch.records());
                        logDrop(batch, reason.tag(), attempt, null);
                        return;
                    default:
                        backoff.recordFailure();
                        counters.retried();
                        if (attempt >= maxAttempts) {
                            counters.dropped(SendCounters.RETRIES_EXHAUSTED, batch.records());
                            logDrop(batch, SendCounters.RETRIES_EXHAUSTED + " (last: " + reason.tag() + ")", attempt,
                                    failures);
                            return;
                        }
                        if (!waitBeforeRetry(backoff.nextDelay(retryAfter))) {
                            counters.dropped(SendCounters.SHUTDOWN, batch.records());
                            return;
                        }
                }
            }
        } finally {
            body.release();
        }
    }

    /** @return false if interrupted (stopping) */
    private static boolean waitBeforeRetry(Duration delay) {
        try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void logDrop(Batch batch, String reason, int attempts, Throwable failures) {
        long now = System.nanoTime();
        if (now - nextLogNanos < 0) return;
        nextLogNanos = now + LOG_EVERY_NANOS;
        LOG.warn("dropped a batch of {} records to {} after {} attempt(s): {} ({} records dropped since start)",
                batch.records(), connection, attempts, reason, counters.recordsDropped(), failures);
    }
}
