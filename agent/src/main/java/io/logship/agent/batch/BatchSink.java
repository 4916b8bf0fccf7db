package io.logship.agent.batch;

import io.netty.buffer.ByteBuf;

/**
 * Where one event loop's {@link Batcher} puts its work: the bytes of the open batch as records arrive (so they can be
 * made durable before more is read) and each finished batch.
 *
 * <p>Threads: called only on the batcher's event loop; must not block for long (page-cache writes are fine, an
 * {@code fsync} is not).
 */
public interface BatchSink {
    /**
     * Records were added to the open batch since the last call. Without a spool there is nothing to do; with one,
     * they are written ahead so that a killed process does not lose them.
     *
     * @param json the open batch so far: {@code [} and records separated by {@code ,}; not to be kept or released
     * @param from the first byte not given to this method before
     * @param records the records in {@code [from, json.writerIndex())}
     */
    default void persist(ByteBuf json, int from, int records) {}

    /**
     * Whether {@link #persist} makes records durable (a spool's write-ahead journal): then a source's position may
     * be committed as soon as its records were persisted, without waiting for their batch to be delivered.
     */
    default boolean writesAhead() {
        return false;
    }

    /** Takes a finished batch; ownership passes. */
    void accept(Batch batch);
}
