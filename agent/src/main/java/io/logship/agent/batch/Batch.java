package io.logship.agent.batch;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A finished batch: a JSON array of records, uncompressed, and the number of records in it.
 *
 * <p>Ownership: the batch owns its buffer; whoever holds the batch last calls {@link #release()} exactly once.
 */
public final class Batch {
    private final ByteBuf json;
    private final int records;

    /** @param json the complete JSON array (ownership passes to the batch) */
    public Batch(ByteBuf json, int records) {
        this.json = Objects.requireNonNull(json, "json");
        this.records = records;
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

    /** Frees the buffer. */
    public void release() {
        json.release();
    }

    @Override
    public String toString() {
        return "Batch{records=" + records + ", bytes=" + json.readableBytes() + '}';
    }
}
