package io.logship.agent.destinations;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchQueue;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Delivery straight from the in-memory {@link BatchQueue} (no spool): a finished batch is freed; an abandoned one is
 * lost (the caller counts it as {@code shutdown}).
 *
 * <p>Thread-safe (the queue is).
 */
public final class QueueSource implements DeliverySource {
    private final BatchQueue queue;

    public QueueSource(BatchQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    @Override
    public Delivery poll(long timeout, TimeUnit unit) throws InterruptedException {
        Batch batch = queue.poll(timeout, unit);
        return batch == null ? null : new InMemory(batch);
    }

    /** The queue is closed and empty. */
    @Override
    public boolean exhausted() {
        return queue.isClosed() && queue.queuedBytes() == 0;
    }

    /** A batch delivered from memory: finished or abandoned, it is released; abandoned, it is lost. */
    public static Delivery inMemory(Batch batch) {
        return new InMemory(batch);
    }

    private static final class InMemory implements Delivery {
        private final Batch batch;

        InMemory(Batch batch) {
            this.batch = batch;
        }

        @Override
        public ByteBuf json() {
            return batch.json();
        }

        @Override
        public int records() {
            return batch.records();
        }

        @Override
        public void finished() {
            batch.finish();
        }

        @Override
        public boolean abandoned() {
            batch.release();
            return false;
        }
    }
}
