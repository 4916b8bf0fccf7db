package io.logship.logback.encoder;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array JSON records are written into ({@link JsonRecordWriter}), reused for every record or batch (no allocation per record once it
 * has grown to the batch size).
 *
 * <p>Not thread-safe: owned by the writer thread. {@link #shrink()} gives memory back after a rare huge record.
 */
public final class RecordBuffer extends OutputStream {

    /** Starting and retained capacity, in bytes: {@value}. Holds a typical batch of a few hundred records. */
    public static final int DEFAULT_INITIAL_BYTES = 64 * 1024;

    private final int initialBytes;
    private byte[] bytes;
    private int size;

    /** A buffer of {@link #DEFAULT_INITIAL_BYTES}. */
    public RecordBuffer() {
        this(DEFAULT_INITIAL_BYTES);
    }

    /** @param initialBytes starting and retained capacity, in bytes (> 0) */
    public RecordBuffer(int initialBytes) {
        if (initialBytes <= 0) {
            throw new IllegalArgumentException("initialBytes must be > 0: " + initialBytes);
        }
        this.initialBytes = initialBytes;
        this.bytes = new byte[initialBytes];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("record buffer cannot grow past 2 GiB: " + size + " + " + more);
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }

    /** Bytes written since the last {@link #reset()}. */
    public int size() {
        return size;
    }

    /** Forgets everything past {@code newSize} (used to drop a record that failed to encode or did not fit). */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("truncate to " + newSize + " outside [0, " + size + "]");
        }
        size = newSize;
    }

    public void reset() {
        size = 0;
    }

    /** Returns to the initial capacity if a huge record made the array grow past four times it. */
    public void shrink() {
        if (bytes.length > 4 * initialBytes && size <= initialBytes) {
            bytes = Arrays.copyOf(bytes, initialBytes);
        }
    }

    /** A view of {@code [from, to)}; valid until the next write. */
    public ByteBuffer slice(int from, int to) {
        return ByteBuffer.wrap(bytes, from, to - from);
    }

    /** A copy of {@code [from, to)}. */
    public byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
