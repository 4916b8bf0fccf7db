package io.logship.agent.destinations;

import io.netty.buffer.ByteBuf;

/**
 * Where batches go: the Datadog-style HTTP intake today ({@code destinations.intake}), Kafka next. The second seam
 * of the pipeline (the first is {@code io.logship.agent.sources.Source}).
 *
 * <p>A destination makes one attempt at a time and says what it means ({@link Outcome}): it owns the
 * classification of its failures, as {@code ResponseClassifier} does for HTTP answers. It never retries, never
 * sleeps and never counts drops: the one retry loop ({@link Sender}) does, with the shared backoff
 * ({@link BackoffState}), the splitting of batches a destination refuses as malformed, and the drop ledger.
 *
 * <p>Each {@link Sender} thread owns one instance (made by a supplier, e.g. one HTTP connection each); an instance
 * is used by one thread at a time.
 *
 * <p>Errors: {@link #prepare} may throw (the batch is then dropped as {@code encode_failed}); {@link #send} throws
 * only {@link InterruptedException} (the agent is stopping) and turns every other failure into an
 * {@link Outcome.Retry} or an {@link Outcome.Drop}.
 */
public interface Destination extends AutoCloseable {
    /**
     * Turns one batch into what is sent, once, before its attempts (e.g. compresses it).
     *
     * @param json the batch's JSON array (readable region); not released
     * @return the payload, owned by the caller (it releases it after the last attempt)
     */
    ByteBuf prepare(ByteBuf json);

    /**
     * One attempt to deliver {@code payload} (from {@link #prepare}); does not release it.
     *
     * @throws InterruptedException if the agent stops meanwhile (the batch stays with the caller)
     */
    Outcome send(ByteBuf payload) throws InterruptedException;

    /** Releases what the destination holds (connections, codecs). Never throws. */
    @Override
    void close();
}
