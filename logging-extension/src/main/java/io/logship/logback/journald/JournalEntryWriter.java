package io.logship.logback.journald;

import io.logship.logback.syslog.ByteBuilder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the fields of one journal entry in journald's native protocol (see systemd's "Native Journal Protocol"
 * document): {@code NAME=value\n} per field, or, when the value contains a newline, the binary form
 * {@code NAME\n}, the value's length as a 64-bit little-endian integer, the value's bytes, {@code \n}.
 *
 * <p>Names must already be valid ({@link JournalFieldNames}). Not thread-safe: one writer per entry.
 */
public final class JournalEntryWriter {
    /** Bytes a field costs beyond its name and value, in the worst (binary) form: {@code \n}, 8 length bytes, {@code \n}. */
    public static final int FIELD_OVERHEAD = 10;

    private final ByteBuilder out = new ByteBuilder(256);

    /** Adds a field with a UTF-8 text value. */
    public JournalEntryWriter field(String name, String value) {
        return field(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a field with a byte value. */
    public JournalEntryWriter field(String name, byte[] value) {
        out.writeAscii(name);
        if (!containsNewline(value)) {
            out.write('=');
            out.write(value, 0, value.length);
            out.write('\n');
            return this;
        }
        out.write('\n');
        long length = value.length;
        for (int i = 0; i < 8; i++) {
            out.write((int) (length >>> (8 * i)) & 0xFF);
        }
        out.write(value, 0, value.length);
        out.write('\n');
        return this;
    }

    /** The most bytes {@link #field(String, byte[])} adds for this name and value length. */
    public static int encodedSize(String name, int valueLength) {
        return name.length() + FIELD_OVERHEAD + valueLength;
    }

    /** Bytes written so far. */
    public int size() {
        return out.size();
    }

    /** The entry, ready to be sent as one datagram. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private static boolean containsNewline(byte[] value) {
        for (byte b : value) {
            if (b == '\n') {
                return true;
            }
        }
        return false;
    }
}
