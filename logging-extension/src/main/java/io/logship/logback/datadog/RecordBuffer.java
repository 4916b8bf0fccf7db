package io.logship.logback.datadog;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array the encoder writes records into, reused for every batch (no allocation per record once it
 * has grown to the batch size).
 *
 * <p>Not thread-safe: owned by the writer thread. {@link #shrink()} gives memory back after a rare huge record.
 */
final class RecordBuffer extends OutputStream {

    /** Starting and retained capacity, in bytes: {@value}. Holds a typical batch of a few hundred records. */
    static final int DEFAULT_INITIAL_BYTES = 64 * 1024;

    private byte[] bytes = new byte[DEFAULT_INITIAL_BYTES];
    private int size;

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
    int size() {
        return size;
    }

    /** Forgets everything past {@code newSize} (used to drop a record that failed to encode or did not fit). */
    void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("truncate to " + newSize + " outside [0, " + size + "]");
        }
        size = newSize;
    }

    void reset() {
        size = 0;
    }

    /** Returns to the default capacity if a huge record made the array grow past four times it. */
    void shrink() {
        if (bytes.length > 4 * DEFAULT_INITIAL_BYTES && size <= DEFAULT_INITIAL_BYTES) {
            bytes = Arrays.copyOf(bytes, DEFAULT_INITIAL_BYTES);
        }
    }

    /** A view of {@code [from, to)}; valid until the next write. */
    ByteBuffer slice(int from, int to) {
        return ByteBuffer.wrap(bytes, from, to - from);
    }

    /** A copy of {@code [from, to)}. */
    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
