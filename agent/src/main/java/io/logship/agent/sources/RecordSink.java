package io.logship.agent.sources;

import io.logship.agent.metrics.SourceMeters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * What a {@link Source} gives its lines to: the rest of the pipeline (enrich, batch, buffer or spool, destination).
 * One sink per source; {@link SourcePipeline} is the implementation.
 *
 * <p>Threads: everything per record is confined to one event loop. A source asks for the loop's consumer and
 * persister once (when a channel or a file is set up), then uses them only on that loop: no lock, no hand-off.
 */
public interface RecordSink {
    /**
     * The consumer of lines on {@code loop}: takes ownership of each line (releases it). Use only from
     * {@code loop}.
     */
    Consumer<ByteBuf> forLoop(EventLoop loop);

    /**
     * What a source runs after each read on {@code loop}, before it reads more: the records given since are
     * written ahead when a spool is configured, nothing otherwise. Use only from {@code loop}.
     */
    Runnable persisterForLoop(EventLoop loop);

    /**
     * Runs {@code durable} once every record given on {@code loop} so far is durable: written ahead to the spool
     * (at once, with a spool), or else in a batch the destination has finished with (accepted, or dropped and
     * counted). Never runs it if the records are lost (the agent stopped before they were delivered): a source that
     * commits positions then re-reads them after a restart (at-least-once). Call from {@code loop}; {@code durable}
     * may run on another thread and must not block.
     */
    void whenDurable(EventLoop loop, Runnable durable);

    /** The longest line, in bytes; longer lines are cut into chunks ({@code io.logship.agent.frame}). */
    int maxMessageBytes();

    /** This source's meters: records in (by the sink), bytes in and connections (by the source). */
    SourceMeters meters();
}
