package io.logship.logback.syslog;

/** UTF-8 helpers for size limits: cutting a byte array without splitting a character. */
public final class Utf8 {
    private Utf8() {}

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
