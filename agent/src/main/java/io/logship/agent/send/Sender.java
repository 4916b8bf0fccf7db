package io.logship.agent.send;

import io.logship.agent.batch.Batch;
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
 * One sender thread's work: take a batch from the {@link DeliverySource}, compress it, deliver it; the agent's only
 * retry loop.
 *
 * <p>Each attempt's answer is classified by {@link ResponseClassifier}: 2xx is sent; 400, 401, 403 and 413 are
 * dropped and counted at once (the same bytes can never succeed); everything else, transport failures and
 * timeouts included, is retried after {@link BackoffState#nextDelay} (which honours {@code Retry-After} on 429 and
 * 503, capped at the maximum backoff). By default ({@link #UNBOUNDED_ATTEMPTS}) a batch is retried until it is
 * delivered or the agent stops, as the Datadog Agent does: the bounded buffer (and the spool) in front applies
 * backpressure meanwhile. A finite {@code maxAttempts} drops the batch as {@link SendCounters#RETRIES_EXHAUSTED}.
 *
 * <p>Stopping: the thread ends when the source is exhausted, or when interrupted: a batch then waiting for an
 * answer or a retry is {@linkplain Delivery#abandoned() abandoned}: kept if it is spooled, else counted as
 * {@link SendCounters#SHUTDOWN}.
 *
 * <p>Threads: runs on its own thread; owns its encoder and connection and closes them when it ends. Logging is per
 * batch and rate-limited (one line per {@value #LOG_EVERY_SECONDS} s per sender), never per record, never the key.
 */
public final class Sender implements Runnable {
    /** {@code maxAttempts} meaning "retry until delivered or stopped": {@value}, the default. */
    public static final int UNBOUNDED_ATTEMPTS = 0;
    /** Attempts per batch by default: {@value #UNBOUNDED_ATTEMPTS} = unbounded (Datadog: retries forever). */
    public static final int DEFAULT_MAX_ATTEMPTS = UNBOUNDED_ATTEMPTS;
    static final long LOG_EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    private final DeliverySource source;
    private final PayloadEncoder encoder;
    private final HttpConnection connection;
    private final BackoffState backoff;
    private final SendCounters counters;
    private final int maxAttempts;
    private final Duration timeout;
    private long nextDropLogNanos = System.nanoTime();
    private long nextRetryLogNanos = System.nanoTime();

    /**
     * @param source where batches come from
     * @param encoder compresses bodies (owned: closed when the loop ends)
     * @param connection the intake connection (owned: closed when the loop ends)
     * @param backoff the destination's failure count and retry policy, shared by all senders of the destination
     * @param counters updated per batch
     * @param maxAttempts attempts per batch, {@code >= 1}, or {@link #UNBOUNDED_ATTEMPTS}
     * @param timeout deadline of one attempt (connect to response)
     */
    public Sender(DeliverySource source, PayloadEncoder encoder, HttpConnection connection, BackoffState backoff,
                  SendCounters counters, int maxAttempts, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must be >= 0: " + maxAttempts);
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Delivery delivery = source.poll(1, TimeUnit.SECONDS);
                if (delivery == null) {
                    if (source.exhausted()) return;
                    continue;
                }
                deliver(delivery);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: leave the loop, the owner counts what stays queued
        } finally {
            connection.close();
            encoder.close();
        }
    }

    /** Delivers one batch from the queue (tests). The batch is released. */
    void deliver(Batch batch) {
        deliver(QueueSource.inMemory(batch));
    }

    /**
     * Delivers one batch with retries; every outcome is counted, and the delivery is finished or abandoned. Never
     * throws.
     */
    void deliver(Delivery delivery) {
        ByteBuf body;
        try {
            body = encoder.encode(delivery.json());
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of (direct) memory or a codec failure: this batch is lost, but the sender thread must live on.
            counters.dropped(SendCounters.ENCODE_FAILED, delivery.records());
            logDrop(delivery, SendCounters.ENCODE_FAILED, 0, e);
            finishQuietly(delivery);
            return;
        }
        try {
            attempts(delivery, body);
        } finally {
            body.release();
        }
    }

    private void attempts(Delivery delivery, ByteBuf body) {
        int jsonBytes = delivery.json().readableBytes();
        Throwable failures = null;
        for (int attempt = 1; ; attempt++) {
            Reason reason;
            int status = 0;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                long start = System.nanoTime();
                IntakeResponse response = connection.post(body, timeout);
                status = response.status();
                counters.answered(status, System.nanoTime() - start);
                reason = ResponseClassifier.classify(status);
                if (ResponseClassifier.honoursRetryAfter(status)) {
                    retryAfter = RetryAfter.parse(response.retryAfter(), Instant.now());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(delivery);
                return;
            } catch (Exception e) {
                reason = ResponseClassifier.classify(e);
                if (failures == null) failures = e;
                else if (failures.getSuppressed().length < 4) failures.addSuppressed(e);
            }
            switch (reason.outcome()) {
                case SUCCESS:
                    backoff.recordSuccess();
                    counters.sent(delivery.records(), jsonBytes, body.readableBytes());
                    finishQuietly(delivery);
                    return;
                case DROP:
                    backoff.recordSuccess(); // the intake answered: it is up
                    counters.dropped(reason.tag(), delivery.records());
                    logDrop(delivery, reason.tag() + " (HTTP " + status + ")", attempt, null);
                    finishQuietly(delivery);
                    return;
                default:
                    backoff.recordFailure();
                    counters.retried();
                    if (maxAttempts != UNBOUNDED_ATTEMPTS && attempt >= maxAttempts) {
                        counters.dropped(SendCounters.RETRIES_EXHAUSTED, delivery.records());
                        logDrop(delivery, SendCounters.RETRIES_EXHAUSTED + " (last: " + reason.tag() + ")", attempt,
                                failures);
                        finishQuietly(delivery);
                        return;
                    }
                    Duration delay = backoff.nextDelay(retryAfter);
                    logRetry(delivery, reason, status, attempt, delay, failures);
                    if (!waitBeforeRetry(delay)) {
                        abandon(delivery);
                        return;
                    }
            }
        }
    }

    private void abandon(Delivery delivery) {
        if (!delivery.abandoned()) counters.dropped(SendCounters.SHUTDOWN, delivery.records());
    }

    private void finishQuietly(Delivery delivery) {
        try {
            delivery.finished();
        } catch (RuntimeException e) {
            LOG.warn("could not release a delivered batch of {} records", delivery.records(), e);
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

    private void logRetry(Delivery delivery, Reason reason, int status, int attempt, Duration delay,
                          Throwable failure) {
        long now = System.nanoTime();
        if (now - nextRetryLogNanos < 0) return;
        nextRetryLogNanos = now + LOG_EVERY_NANOS;
        String what = status != 0 ? "HTTP " + status : String.valueOf(failure);
        LOG.warn("sending a batch of {} records to {} failed ({}: {}), attempt {}; retrying in {} ms "
                        + "({} retries since start)", delivery.records(), connection, reason.tag(), what, attempt,
                delay.toMillis(), counters.retries());
    }

    private void logDrop(Delivery delivery, String reason, int attempts, Throwable failures) {
        long now = System.nanoTime();
        if (now - nextDropLogNanos < 0) return;
        nextDropLogNanos = now + LOG_EVERY_NANOS;
        LOG.warn("dropped a batch of {} records to {} after {} attempt(s): {} ({} records dropped since start)",
                delivery.records(), connection, attempts, reason, counters.recordsDropped(), failures);
    }
}
