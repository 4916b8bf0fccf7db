package io.logship.agent.destinations.intake;

import io.logship.agent.destinations.Destination;
import io.logship.agent.destinations.DestinationHealth;
import io.logship.agent.destinations.Outcome;
import io.logship.agent.destinations.SendCounters;
import io.logship.agent.encode.PayloadEncoder;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The Datadog-style HTTP intake as a {@link Destination}: compresses a batch once ({@link PayloadEncoder}), posts
 * it on one keep-alive connection ({@link HttpConnection}), and classifies the answer ({@link ResponseClassifier}):
 * 2xx accepted; 401, 403, 413 dropped; 400 dropped but splittable (one bad record must not cost its batch);
 * everything else, and every failure without an answer, retried, honouring {@code Retry-After} on 429 and 503.
 * Each answer also goes to the response meters and to the {@link DestinationHealth}.
 *
 * <p>One instance per sender thread; not thread-safe. Owns its encoder and connection ({@link #close()}).
 */
public final class IntakeDestination implements Destination {
    private final PayloadEncoder encoder;
    private final HttpConnection connection;
    private final DestinationHealth health;
    private final SendCounters counters;
    private final Duration timeout;

    /**
     * @param encoder compresses bodies (owned)
     * @param connection the intake connection (owned)
     * @param health where each answer goes, shared by every sender of the intake
     * @param counters the response meters (status, latency)
     * @param timeout deadline of one attempt (connect to response)
     */
    public IntakeDestination(
            PayloadEncoder encoder,
            HttpConnection connection,
            DestinationHealth health,
            SendCounters counters,
            Duration timeout) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.health = Objects.requireNonNull(health, "health");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ByteBuf prepare(ByteBuf json) {
        return encoder.encode(json);
    }

    @Override
    public Outcome send(ByteBuf body) throws InterruptedException {
        long start = System.nanoTime();
        DeliveryResponse response;
        try {
            response = connection.post(body, timeout);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | Error e) {
            // Any failure of one attempt (an I/O error, out of file descriptors, a class that cannot load for want
            // of them...) is retried: the batch and the sender thread must outlive it.
            Reason reason = ResponseClassifier.classify(e);
            unreachable(health, reason, e);
            return new Outcome.Retry(reason.tag(), null, Optional.empty(), e);
        }
        int status = response.status();
        counters.answered(status, System.nanoTime() - start);
        Reason reason = ResponseClassifier.classify(status);
        answered(health, status, reason);
        switch (reason.outcome()) {
            case SUCCESS:
                return Outcome.ACCEPTED;
            case DROP:
                // A 400 may be one malformed record: the sender splits the batch to find it.
                return new Outcome.Drop(reason.dropReason(), "HTTP " + status, reason == Reason.BAD_REQUEST);
            default:
                Optional<Duration> retryAfter = ResponseClassifier.honoursRetryAfter(status)
                        ? RetryAfter.parse(response.retryAfter(), Instant.now())
                        : Optional.empty();
                return new Outcome.Retry(reason.tag(), "HTTP " + status, retryAfter, null);
        }
    }

    /** The intake answered {@code status}, classified as {@code reason}. */
    static void answered(DestinationHealth health, int status, Reason reason) {
        if (reason == Reason.ACCEPTED || reason == Reason.BAD_REQUEST || reason == Reason.PAYLOAD_TOO_LARGE) {
            health.ok();
        } else {
            health.trouble("intake refusing", "HTTP " + status + " (" + reason.tag() + ")");
        }
    }

    /** No answer: the attempt failed with {@code failure}. */
    static void unreachable(DestinationHealth health, Reason reason, Throwable failure) {
        health.trouble("intake unreachable", reason.tag() + ": " + DestinationHealth.describe(failure));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            encoder.close();
        }
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
