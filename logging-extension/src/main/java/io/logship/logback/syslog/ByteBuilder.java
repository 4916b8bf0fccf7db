package io.logship.logback.syslog;

import java.util.Arrays;

/**
 * A growable byte array for building one message. Unlike {@link java.io.ByteArrayOutputStream} its methods are not
 * synchronized: formatting writes byte by byte, and an uncontended lock per byte tripled the formatting time
 * (measured with {@code SyslogBenchmark}). Not thread-safe: one builder per message.
 */
public final class ByteBuilder {
    private byte[] buf;
    private int size;

    /** @param initialCapacity bytes allocated up front; grows by doubling */
    public ByteBuilder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Appends one byte (the low 8 bits of {@code b}). */
    public void write(int b) {
        if (size == buf.length) {
            grow(size + 1);
        }
        buf[size++] = (byte) b;
    }

    /** Appends {@code b[off..off+len)}. */
    public void write(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            grow(size + len);
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Appends the low byte of each char: for strings known to be US-ASCII. */
    public void writeAscii(String s) {
        int n = s.length();
        if (size + n > buf.length) {
            grow(size + n);
        }
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets everything after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("newSize must be 0 to " + size + ": " + newSize);
        }
        size = newSize;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void grow(int minCapacity) {
        buf = Arrays.copyOf(buf, Math.max(minCapacity, buf.length * 2));
    }
}
