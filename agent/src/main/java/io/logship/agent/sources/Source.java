package io.logship.agent.sources;

import java.io.IOException;
import java.time.Duration;

/**
 * Where records come from: a TCP or UDP listener, a set of tailed files, later a Kafka consumer. The first seam of
 * the pipeline (the other is {@code io.logship.agent.destinations.Destination}).
 *
 * <p>A source is built from its {@code logs:} entry, then {@linkplain #start started} with a
 * {@link SourceContext}: the {@link RecordSink} its lines go to, the event loops it may run on, the
 * {@link ReadGate} that says when to stop reading (backpressure), and the drop ledger. Nothing in this contract
 * names a socket: a listener's address is an extra ({@link Listening}).
 *
 * <p>What a source must do: hand each line to the sink's consumer of the event loop it reads on (bytes, no
 * per-record thread hand-off), call the sink's persister after each read (the records are written ahead when a
 * spool is configured), stop reading while {@link ReadGate#isPaused()} (unless {@code when_full: drop_newest}),
 * and, if it can resume from a position (a file offset, a Kafka offset), commit that position only once
 * {@link RecordSink#whenDurable} says the records before it are durable.
 *
 * <p>Thread-safety: {@link #start}, {@link #drainAndClose} and {@link #close} are called by the agent's thread,
 * once each, in that order.
 */
public interface Source {
    /** A short name for meters and logs: {@code tcp:127.0.0.1:10518}, {@code file:/var/log/app/*.log}. */
    String name();

    /**
     * Starts reading; returns once the source is ready (a listener bound, a first scan of the files done).
     *
     * @throws IOException when it cannot start (the message names what and why); nothing stays open then
     */
    void start(SourceContext context) throws IOException, InterruptedException;

    /**
     * Stops taking new input, finishes what is open (connections until they end or go quiet, files to their
     * current end) until {@code drainFor} has passed, then closes. The default is {@link #close()}.
     */
    default void drainAndClose(Duration drainFor) throws InterruptedException {
        close();
    }

    /** Stops reading and releases everything; partial lines go to the sink first. Idempotent. */
    void close() throws InterruptedException;
}
