package io.logship.agent.send;

import io.logship.agent.batch.Batch;
import io.logship.agent.encode.PayloadEncoder;
import io.logship.config.Redacted;
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
 * <p>Each attempt's answer is classified by {@link ResponseClassifier}: 2xx is sent; 401, 403 and 413 are
 * dropped and counted at once (the same bytes can never succeed); a 400 on several records splits the batch in
 * halves, each delivered on its own, recursively, so only the records the intake refuses are dropped
 * ({@code bad_request}); everything else, transport failures and timeouts included, is retried when
 * {@link BackoffState#awaitRetry} lets it: one sender probes the failing intake (at most every
 * {@link BackoffState#DEFAULT_PROBE_INTERVAL_MILLIS} ms, or after {@code Retry-After} on 429/503), the others wait
 * for its first answer and then resume at once. Any failure of one attempt, {@link Error}s included, is retried: a
 * sender thread never dies of one. By default ({@link #UNBOUNDED_ATTEMPTS}) a batch is retried until it is
 * delivered or the agent stops, as the Datadog Agent does: the bounded buffer (and the spool) in front applies
 * backpressure meanwhile. A finite {@code maxAttempts} drops the batch as {@link SendCounters#RETRIES_EXHAUSTED}.
 *
 * <p>A batch (a spool entry) is finished, i.e. acknowledged, only when every part of it reached a final state.
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
                Delivery delivery;
                try {
                    delivery = source.poll(1, TimeUnit.SECONDS);
                } catch (RuntimeException | Error e) {
                    // E.g. out of file descriptors or memory for a moment: this thread must live on and try again.
                    logTrouble("taking a batch failed", e);
                    if (!pause()) return;
                    continue;
                }
                if (delivery == null) {
                    if (source.exhausted()) return;
                    continue;
                }
                deliver(delivery);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: leave the loop, the owner counts what stays queued
        } finally {
            closeQuietly(connection);
            closeQuietly(encoder);
        }
    }

    /** Delivers one batch from the queue (tests). The batch is released. */
    void deliver(Batch batch) {
        deliver(QueueSource.inMemory(batch));
    }

    /**
     * Delivers one batch with retries (split on a 400 to isolate the records the intake refuses); every outcome is
     * counted, and the delivery is finished, once all its parts reached a final state, or abandoned. Never throws.
     */
    void deliver(Delivery delivery) {
        int unfinished;
        while (true) {
            try {
                unfinished = deliverPart(delivery.json(), delivery.records());
                break;
            } catch (RuntimeException | Error e) {
                // Not expected (each attempt's failures are caught in attempts()). Keep the batch and the thread:
                // the whole batch is tried again (parts already delivered, if any, come twice).
                logTrouble("delivering a batch failed unexpectedly", e);
                if (!pause()) {
                    unfinished = delivery.records();
                    break;
                }
            }
        }
        if (unfinished == 0) {
            finishQuietly(delivery);
        } else {
            abandon(delivery, unfinished);
        }
    }

    /** Waits {@link BackoffState#DEFAULT_PROBE_INTERVAL_MILLIS} ms; false if interrupted (stopping). */
    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(BackoffState.DEFAULT_PROBE_INTERVAL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Delivers {@code json} (not released) until every record in it reached a final state.
     *
     * @return records that did not (0 unless the sender was stopped while they waited)
     */
    private int deliverPart(ByteBuf json, int records) {
        ByteBuf body;
        try {
            body = encoder.encode(json);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of (direct) memory or a codec failure: this batch is lost, but the sender thread must live on.
            counters.dropped(SendCounters.ENCODE_FAILED, records);
            logDrop(records, SendCounters.ENCODE_FAILED, 0, e);
            return 0;
        }
        Ending ending;
        try {
            ending = attempts(json, records, body);
        } finally {
            body.release();
        }
        switch (ending) {
            case FINAL:
                return 0;
            case ABANDONED:
                return records;
            default:
                return split(json, records);
        }
    }

    /** A 400 on several records: deliver each half on its own, recursively, so only the bad records are lost. */
    private int split(ByteBuf json, int records) {
        BatchSplitter.Part[] halves = BatchSplitter.halves(json);
        if (halves == null) {
            counters.dropped(Reason.BAD_REQUEST.tag(), records);
            logDrop(records, Reason.BAD_REQUEST.tag() + " (HTTP 400; the body is not an array to split)", 1, null);
            return 0;
        }
        try {
            int left = deliverPart(halves[0].json(), halves[0].records());
            if (left > 0) return left + halves[1].records(); // stopping: the second half was never tried
            return deliverPart(halves[1].json(), halves[1].records());
        } finally {
            halves[0].json().release();
            halves[1].json().release();
        }
    }

    /** How the attempts at one body ended. */
    private enum Ending { FINAL, SPLIT, ABANDONED }

    private Ending attempts(ByteBuf json, int records, ByteBuf body) {
        int jsonBytes = json.readableBytes();
        IntakeHealth health = backoff.health();
        Throwable failures = null;
        for (int attempt = 1; ; attempt++) {
            Reason reason;
            int status = 0;
            Optional<Duration> retryAfter = Optional.empty();
            long start = System.nanoTime();
            try {
                IntakeResponse response = connection.post(body, timeout);
                status = response.status();
                counters.answered(status, System.nanoTime() - start);
                reason = ResponseClassifier.classify(status);
                health.answered(status, reason);
                if (ResponseClassifier.honoursRetryAfter(status)) {
                    retryAfter = RetryAfter.parse(response.retryAfter(), Instant.now());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                backoff.leave();
                return Ending.ABANDONED;
            } catch (Exception | Error e) {
                // Any failure of one attempt (an I/O error, out of file descriptors, a class that cannot load for
                // want of them...) is retried: the batch and this thread must outlive it.
                reason = ResponseClassifier.classify(e);
                health.unreachable(reason, e);
                if (failures == null) failures = e;
                else if (failures.getSuppressed().length < 4) failures.addSuppressed(e);
            }
            switch (reason.outcome()) {
                case SUCCESS:
                    backoff.answered();
                    counters.sent(records, jsonBytes, body.readableBytes());
                    return Ending.FINAL;
                case DROP:
                    backoff.answered(); // the intake answered: it is up
                    if (reason == Reason.BAD_REQUEST && records > 1) {
                        logSplit(records);
                        return Ending.SPLIT;
                    }
                    counters.dropped(reason.tag(), records);
                    logDrop(records, reason.tag() + " (HTTP " + status + ")", attempt, null);
                    return Ending.FINAL;
                default:
                    backoff.failed(start);
                    counters.retried();
                    if (maxAttempts != UNBOUNDED_ATTEMPTS && attempt >= maxAttempts) {
                        backoff.leave();
                        counters.dropped(SendCounters.RETRIES_EXHAUSTED, records);
                        logDrop(records, SendCounters.RETRIES_EXHAUSTED + " (last: " + reason.tag() + ")", attempt,
                                failures);
                        return Ending.FINAL;
                    }
                    logRetry(records, reason, status, attempt, failures);
                    try {
                        backoff.awaitRetry(retryAfter);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Ending.ABANDONED;
                    }
            }
        }
    }

    private void abandon(Delivery delivery, int unfinished) {
        boolean kept;
        try {
            kept = delivery.abandoned();
        } catch (RuntimeException e) {
            LOG.warn("could not release an abandoned batch of {} records", delivery.records(), e);
            kept = false;
        }
        if (!kept) counters.dropped(SendCounters.SHUTDOWN, unfinished);
    }

    private void finishQuietly(Delivery delivery) {
        try {
            delivery.finished();
        } catch (RuntimeException e) {
            LOG.warn("could not release a delivered batch of {} records", delivery.records(), e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception | Error e) {
            // Stopping: nothing is left to deliver through it, and the thread must end normally.
            LOG.debug("closing {} failed", closeable, e);
        }
    }

    private void logTrouble(String what, Throwable failure) {
        long now = System.nanoTime();
        if (now - nextRetryLogNanos < 0) return;
        nextRetryLogNanos = now + LOG_EVERY_NANOS;
        LOG.warn("{} (sending to {}); the sender goes on: {}", what, connection, Redacted.text(String.valueOf(failure)));
    }

    private void logSplit(int records) {
        long now = System.nanoTime();
        if (now - nextDropLogNanos < 0) return;
        nextDropLogNanos = now + LOG_EVERY_NANOS;
        LOG.warn("the intake at {} refused a batch of {} records (HTTP 400): sending its halves apart to isolate the "
                + "bad records", connection, records);
    }

    private void logRetry(int records, Reason reason, int status, int attempt, Throwable failure) {
        long now = System.nanoTime();
        if (now - nextRetryLogNanos < 0) return;
        nextRetryLogNanos = now + LOG_EVERY_NANOS;
        String what = status != 0 ? "HTTP " + status : Redacted.text(String.valueOf(failure));
        LOG.warn("sending a batch of {} records to {} failed ({}: {}), attempt {}; retrying as soon as the intake "
                        + "answers (one sender probes, at most every {} ms or after Retry-After) ({} retries since "
                        + "start)", records, connection, reason.tag(), what, attempt,
                BackoffState.DEFAULT_PROBE_INTERVAL_MILLIS, counters.retries());
    }

    private void logDrop(int records, String reason, int attempts, Throwable failures) {
        long now = System.nanoTime();
        if (now - nextDropLogNanos < 0) return;
        nextDropLogNanos = now + LOG_EVERY_NANOS;
        LOG.warn("dropped a batch of {} records to {} after {} attempt(s): {} ({} records dropped since start){}",
                records, connection, attempts, reason, counters.recordsDropped(),
                failures == null ? "" : ": " + Redacted.text(String.valueOf(failures)));
    }
}
