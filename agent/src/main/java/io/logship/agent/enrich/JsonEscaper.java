package io.logship.agent.enrich;

import io.logship.schema.Utf8;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes UTF-8 bytes as the inside of a JSON string (RFC 8259 §7): {@code "} and {@code \} escaped, control
 * characters below U+0020 written as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or
 * {@code &#92;u00XX}; every other byte copied as is, so the input must already be valid UTF-8 (see {@link Utf8}).
 *
 * <p>Byte-level on purpose: the hot path never builds a {@code String} (about 2x cheaper than a generator round
 * trip, see performance-facts.md). The output is the same as Jackson's generator gives; the tests parse it back.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonEscaper {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII bytes: 0 = copy, 'u' = backslash-u00XX, any other = the character after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private JsonEscaper() {}

    /** The length of the escaped form of {@code src[off, off + len)}, without writing it. */
    public static long escapedLength(byte[] src, int off, int len) {
        long n = len;
        for (int i = off, end = off + len; i < end; i++) {
            n += extra(src[i]);
        }
        return n;
    }

    /**
     * The end of the longest run from {@code off} (at most to {@code end}) whose escaped form has at most
     * {@code budget} bytes and which does not end inside a UTF-8 character (when a character starts there); at least
     * one character is taken if {@code budget >= 6}.
     */
    public static int fittingEnd(byte[] src, int off, int end, long budget) {
        long used = 0;
        int i = off;
        while (i < end) {
            long cost = 1 + extra(src[i]);
            if (used + cost > budget) {
                break;
            }
            used += cost;
            i++;
        }
        if (i < end) {
            int j = i;
            while (j > off && (src[j] & 0xC0) == 0x80) {
                j--; // a continuation byte: cut before its character
            }
            if (j > off) {
                i = j;
            }
        }
        return i;
    }

    /** Bytes the escaped form of {@code b} adds: 0, 1 (backslash and a letter) or 5 (backslash-u00XX). */
    private static int extra(byte b) {
        if (b < 0) {
            return 0;
        }
        byte escape = ESCAPES[b];
        return escape == 0 ? 0 : escape == 'u' ? 5 : 1;
    }

    /** Appends the escaped form of {@code src[off, off + len)} to {@code dst} (without the quotes). */
    public static void writeEscaped(byte[] src, int off, int len, ByteBuf dst) {
        int end = off + len;
        int runStart = off;
        for (int i = off; i < end; i++) {
            byte b = src[i];
            if (b < 0 || ESCAPES[b] == 0) {
                continue;
            }
            dst.writeBytes(src, runStart, i - runStart);
            runStart = i + 1;
            byte escape = ESCAPES[b];
            dst.writeByte('\\');
            if (escape == 'u') {
                dst.writeByte('u')
                        .writeByte('0')
                        .writeByte('0')
                        .writeByte(HEX[b >> 4])
                        .writeByte(HEX[b & 0xF]);
            } else {
                dst.writeByte(escape);
            }
        }
        dst.writeBytes(src, runStart, end - runStart);
    }
}
