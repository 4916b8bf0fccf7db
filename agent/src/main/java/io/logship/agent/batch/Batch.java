package io.logship.agent.batch;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A finished batch: a JSON array of records, uncompressed, and the number of records in it.
 *
 * <p>Ownership: the batch owns its buffer; whoever holds the batch last calls {@link #finish()} (it reached a final
 * state: delivered, or dropped and counted) or {@link #release()} (abandoned) exactly once.
 */
public final class Batch {
    private final ByteBuf json;
    private final int records;
    private final Runnable onFinished;

    /** @param json the complete JSON array (ownership passes to the batch) */
    public Batch(ByteBuf json, int records) {
        this(json, records, null);
    }

    /**
     * @param json the complete JSON array (ownership passes to the batch)
     * @param onFinished run by {@link #finish()} (the sources' durability tracking); null for nothing
     */
    public Batch(ByteBuf json, int records, Runnable onFinished) {
        this.json = Objects.requireNonNull(json, "json");
        this.records = records;
        this.onFinished = onFinished;
    }

    /** The JSON array bytes (readable region); still owned by the batch. */
    public ByteBuf json() {
        return json;
    }

    public int records() {
        return records;
    }

    /** Uncompressed size in bytes. */
    public int bytes() {
        return json.readableBytes();
    }

    /** Frees the buffer: the batch was abandoned (its records are lost, or kept elsewhere). */
    public void release() {
        json.release();
    }

    /**
     * The batch reached a final state (the destination accepted it, or it was dropped and counted): tells the
     * sources that its records are done with ({@code RecordSink#whenDurable}), then frees the buffer.
     */
    public void finish() {
        try {
            if (onFinished != null) {
                onFinished.run();
            }
        } finally {
            json.release();
        }
    }

    @Override
    public String toString() {
        return "Batch{records=" + records + ", bytes=" + json.readableBytes() + '}';
    }
}
