package io.logship.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 on raw bytes, without decoding to {@code String}: validation and repair (the agent's enrich stage), and
 * cutting at a character boundary and the ASCII check (the extension's syslog and journald size limits).
 *
 * <p>Valid means well-formed per RFC 3629 / Unicode table 3-7: no overlong forms, no surrogates (U+D800..U+DFFF),
 * nothing above U+10FFFF. Repair replaces each maximal invalid subpart with U+FFFD ({@code EF BF BD}), the
 * replacement practice of the Unicode standard (and of {@code new String(bytes, UTF_8)}).
 *
 * <p>The all-ASCII case, the usual one for log lines, is checked eight bytes at a time.
 *
 * <p>Stateless and thread-safe.
 */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private Utf8() {}

    /** Whether {@code bytes[off, off + len)} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int off, int len) {
        int end = off + len;
        int i = off;
        while (true) {
            while (i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            while (i < end && bytes[i] >= 0) {
                i++;
            }
            if (i >= end) {
                return true;
            }
            int n = sequenceLength(bytes, i, end);
            if (n < 0) {
                return false;
            }
            i += n;
        }
    }

    /**
     * The largest number of bytes {@link #repair} can write for {@code len} input bytes: every invalid byte may
     * become the 3-byte U+FFFD.
     */
    public static int maxRepairedLength(int len) {
        return len * 3;
    }

    /**
     * Copies {@code src[off, off + len)} into {@code dst} from index 0, replacing each maximal invalid subpart by
     * U+FFFD.
     *
     * @param dst at least {@link #maxRepairedLength(int)} bytes long
     * @return the number of bytes written to {@code dst}
     */
    public static int repair(byte[] src, int off, int len, byte[] dst) {
        int end = off + len;
        int out = 0;
        int i = off;
        while (i < end) {
            if (src[i] >= 0) {
                dst[out++] = src[i++];
                continue;
            }
            int n = sequenceLength(src, i, end);
            if (n > 0) {
                System.arraycopy(src, i, dst, out, n);
                out += n;
                i += n;
            } else {
                System.arraycopy(REPLACEMENT, 0, dst, out, REPLACEMENT.length);
                out += REPLACEMENT.length;
                i += -n;
            }
        }
        return out;
    }

    /**
     * The length of the well-formed multi-byte sequence at {@code i}, or minus the length of the maximal invalid
     * subpart to replace (at least 1 byte).
     */
    private static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            need = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            need = 2;
            if (lead == 0xE0) {
                lo = 0xA0; // overlong
            }
            if (lead == 0xED) {
                hi = 0x9F; // surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            need = 3;
            if (lead == 0xF0) {
                lo = 0x90; // overlong
            }
            if (lead == 0xF4) {
                hi = 0x8F; // above U+10FFFF
            }
        } else {
            return -1; // a continuation byte alone, C0/C1 (overlong) or F5..FF
        }
        for (int k = 1; k <= need; k++) {
            if (i + k >= end) {
                return -k;
            }
            int c = b[i + k] & 0xFF;
            boolean ok = k == 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xBF;
            if (!ok) {
                return -k;
            }
        }
        return need + 1;
    }

    /** The largest length {@code <= limit} that does not split a UTF-8 sequence in {@code bytes}. */
    public static int boundary(byte[] bytes, int limit) {
        if (limit >= bytes.length) {
            return bytes.length;
        }
        int i = Math.max(0, limit);
        // Step back over continuation bytes (10xxxxxx): bytes[i] is then the first byte of a character.
        while (i > 0 && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    /** True when every character of {@code s} is US-ASCII. */
    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
