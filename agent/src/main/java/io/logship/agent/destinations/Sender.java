package io.logship.agent.destinations;

import io.logship.agent.batch.Batch;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.LogLimiter;
import io.logship.config.Redacted;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread's work: take a batch from the {@link DeliverySource}, have the {@link Destination} prepare it
 * (compress), deliver it; the agent's only retry loop.
 *
 * <p>Each attempt's {@link Outcome} comes from the destination, which classifies its own failures:
 * {@link Outcome.Accepted} is sent; {@link Outcome.Drop} is counted in the drop ledger at once (the same bytes can
 * never succeed), except that a splittable drop of several records splits the batch in halves, each delivered on
 * its own, recursively, so only the records the destination refuses are dropped; {@link Outcome.Retry} is retried
 * when {@link BackoffState#awaitRetry} lets it: one sender probes the failing destination (at most every
 * {@link BackoffState#DEFAULT_PROBE_INTERVAL_MILLIS} ms, or after the destination's {@code Retry-After}), the others
 * wait for its first answer and then resume at once. Any failure of one attempt, {@link Error}s included, is
 * retried: a sender thread never dies of one. By default ({@link #UNBOUNDED_ATTEMPTS}) a batch is retried until it
 * is delivered or the agent stops, as the Datadog Agent does: the bounded buffer (and the spool) in front applies
 * backpressure meanwhile. A finite {@code maxAttempts} drops the batch as {@link DropReason#RETRIES_EXHAUSTED}.
 *
 * <p>A batch (a spool entry) is finished, i.e. acknowledged, only when every part of it reached a final state.
 *
 * <p>Stopping: the thread ends when the source is exhausted, or when interrupted: a batch then waiting for an
 * answer or a retry is {@linkplain Delivery#abandoned() abandoned}: kept if it is spooled, else counted as
 * {@link DropReason#SHUTDOWN}.
 *
 * <p>Threads: runs on its own thread; owns its destination and closes it when it ends. Logging is per batch and
 * rate-limited (one line per {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s per sender and kind), never per record, never the key.
 */
public final class Sender implements Runnable {
    /** {@code maxAttempts} meaning "retry until delivered or stopped": {@value}, the default. */
    public static final int UNBOUNDED_ATTEMPTS = 0;
    /** Attempts per batch by default: {@value #UNBOUNDED_ATTEMPTS} = unbounded (Datadog: retries forever). */
    public static final int DEFAULT_MAX_ATTEMPTS = UNBOUNDED_ATTEMPTS;

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final DeliverySource source;
    private final Destination destination;
    private final BackoffState backoff;
    private final SendCounters counters;
    private final int maxAttempts;
    private final LogLimiter dropLog = new LogLimiter();
    private final LogLimiter retryLog = new LogLimiter();

    /**
     * @param source where batches come from
     * @param destination where they go (owned: closed when the loop ends)
     * @param backoff the destination's failure count and retry policy, shared by all senders of the destination
     * @param counters updated per batch
     * @param maxAttempts attempts per batch, {@code >= 1}, or {@link #UNBOUNDED_ATTEMPTS}
     */
    public Sender(
            DeliverySource source,
            Destination destination,
            BackoffState backoff,
            SendCounters counters,
            int maxAttempts) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.counters = Objects.requireNonNull(counters, "counters");
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0: " + maxAttempts);
        }
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
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
                if (delivery == null) {
                    if (source.exhausted()) {
                        return;
                    }
                    continue;
                }
                deliver(delivery);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: leave the loop, the owner counts what stays queued
        } finally {
            closeQuietly(destination);
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
            body = destination.prepare(json);
        } catch (RuntimeException | OutOfMemoryError e) {
            // Out of (direct) memory or a codec failure: this batch is lost, but the sender thread must live on.
            counters.dropped(DropReason.ENCODE_FAILED, records);
            logDrop(records, DropReason.ENCODE_FAILED.tag(), 0, e);
            return 0;
        }
        Outcome.Drop[] refusal = new Outcome.Drop[1];
        Ending ending;
        try {
            ending = attempts(json, records, body, refusal);
        } finally {
            body.release();
        }
        switch (ending) {
            case FINAL:
                return 0;
            case ABANDONED:
                return records;
            default:
                return split(json, records, refusal[0]);
        }
    }

    /**
     * A splittable refusal of several records: deliver each half on its own, recursively, so only the bad records
     * are lost.
     */
    private int split(ByteBuf json, int records, Outcome.Drop refusal) {
        BatchSplitter.Part[] halves = BatchSplitter.halves(json);
        if (halves == null) {
            counters.dropped(refusal.reason(), records);
            logDrop(
                    records,
                    refusal.reason().tag() + " (" + refusal.detail() + "; the body is not an array to split)",
                    1,
                    null);
            return 0;
        }
        try {
            int left = deliverPart(halves[0].json(), halves[0].records());
            if (left > 0) {
                return left + halves[1].records(); // stopping: the second half was never tried
            }
            return deliverPart(halves[1].json(), halves[1].records());
        } finally {
            halves[0].json().release();
            halves[1].json().release();
        }
    }

    /** How the attempts at one body ended. */
    private enum Ending {
        FINAL,
        SPLIT,
        ABANDONED
    }

    private Ending attempts(ByteBuf json, int records, ByteBuf body, Outcome.Drop[] refusal) {
        int jsonBytes = json.readableBytes();
        Throwable failures = null;
        for (int attempt = 1; ; attempt++) {
            Outcome outcome;
            long start = System.nanoTime();
            try {
                outcome = destination.send(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                backoff.leave();
                return Ending.ABANDONED;
            } catch (RuntimeException | Error e) {
                // A destination classifies its own failures; one that escapes is retried all the same: the batch
                // and this thread must outlive it.
                outcome = new Outcome.Retry("unexpected", null, Optional.empty(), e);
            }
            if (outcome instanceof Outcome.Retry retry && retry.failure() != null) {
                if (failures == null) {
                    failures = retry.failure();
                } else if (failures.getSuppressed().length < 4) {
                    failures.addSuppressed(retry.failure());
                }
            }
            if (outcome instanceof Outcome.Accepted) {
                backoff.answered();
                counters.sent(records, jsonBytes, body.readableBytes());
                return Ending.FINAL;
            }
            if (outcome instanceof Outcome.Drop drop) {
                backoff.answered(); // the destination answered: it is up
                if (drop.splittable() && records > 1) {
                    logSplit(records, drop);
                    refusal[0] = drop;
                    return Ending.SPLIT;
                }
                counters.dropped(drop.reason(), records);
                logDrop(records, drop.reason().tag() + " (" + drop.detail() + ")", attempt, null);
                return Ending.FINAL;
            }
            Outcome.Retry retry = (Outcome.Retry) outcome;
            backoff.failed(start);
            counters.retried();
            if (maxAttempts != UNBOUNDED_ATTEMPTS && attempt >= maxAttempts) {
                backoff.leave();
                counters.dropped(DropReason.RETRIES_EXHAUSTED, records);
                logDrop(
                        records,
                        DropReason.RETRIES_EXHAUSTED.tag() + " (last: " + retry.reason() + ")",
                        attempt,
                        failures);
                return Ending.FINAL;
            }
            logRetry(records, retry, attempt, failures);
            try {
                backoff.awaitRetry(retry.retryAfter());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Ending.ABANDONED;
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
        if (!kept) {
            counters.dropped(DropReason.SHUTDOWN, unfinished);
        }
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
        if (!retryLog.mayLog()) {
            return;
        }
        LOG.warn(
                "{} (sending to {}); the sender goes on: {}",
                what,
                destination,
                Redacted.text(String.valueOf(failure)));
    }

    private void logSplit(int records, Outcome.Drop refusal) {
        if (!dropLog.mayLog()) {
            return;
        }
        LOG.warn(
                "{} refused a batch of {} records ({}): sending its halves apart to isolate the bad records",
                destination,
                records,
                refusal.detail());
    }

    private void logRetry(int records, Outcome.Retry retry, int attempt, Throwable failure) {
        if (!retryLog.mayLog()) {
            return;
        }
        String what = retry.detail() != null ? retry.detail() : Redacted.text(String.valueOf(failure));
        LOG.warn(
                "sending a batch of {} records to {} failed ({}: {}), attempt {}; retrying as soon as it answers "
                        + "(one sender probes, at most every {} ms or after Retry-After) ({} retries since start)",
                records,
                destination,
                retry.reason(),
                what,
                attempt,
                BackoffState.DEFAULT_PROBE_INTERVAL_MILLIS,
                counters.retries());
    }

    private void logDrop(int records, String reason, int attempts, Throwable failures) {
        if (!dropLog.mayLog()) {
            return;
        }
        LOG.warn(
                "dropped a batch of {} records to {} after {} attempt(s): {} ({} records dropped since start){}",
                records,
                destination,
                attempts,
                reason,
                counters.drops().total(),
                failures == null ? "" : ": " + Redacted.text(String.valueOf(failures)));
    }
}
