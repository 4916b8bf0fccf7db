package io.logship.agent.destinations;

import io.netty.buffer.ByteBuf;

/**
 * One batch handed to a {@link Sender}: its JSON array and record count, and what to do when its delivery ends.
 *
 * <p>Ownership: exactly one of {@link #finished()} or {@link #abandoned()} is called, once, by the sender that took
 * it; after that {@link #json()} must not be touched.
 */
public interface Delivery {
    /** The uncompressed JSON array (readable region); owned by the delivery. */
    ByteBuf json();

    /** Records in the batch. */
    int records();

    /**
     * The batch reached a final state: the intake accepted it (2xx) or it was dropped and counted (a permanent
     * rejection such as 400). Frees the memory, or acknowledges the spool entry so its disk space can be reused.
     */
    void finished();

    /**
     * The agent stops before the batch reached a final state. Frees the memory.
     *
     * @return true if the batch is still kept (it is on disk and is replayed on the next start); false if it is lost
     *     and the caller must count it
     */
    boolean abandoned();
}
