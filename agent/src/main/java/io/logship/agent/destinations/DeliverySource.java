package io.logship.agent.destinations;

import java.util.concurrent.TimeUnit;

/**
 * Where senders take batches from: the in-memory queue ({@link QueueSource}) or the disk spool
 * ({@code io.logship.agent.buffer.SpoolFeed}).
 *
 * <p>Thread-safe: every sender thread polls the same source.
 */
public interface DeliverySource {
    /**
     * The next batch to deliver, oldest first, waiting up to the timeout.
     *
     * @return the batch (the caller owns it), or null on timeout or when the source is exhausted
     * @throws InterruptedException if interrupted while waiting
     */
    Delivery poll(long timeout, TimeUnit unit) throws InterruptedException;

    /** True once no batch will ever come again (the agent is stopping and everything was handed out). */
    boolean exhausted();
}
