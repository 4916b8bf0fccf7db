package io.logship.logback.encoder;

import java.time.Instant;

/**
 * ISO-8601 UTC with millis ({@code 2026-11-25T10:24:04.373Z}), caching the text of the last second seen so that most
 * records only append their millis. Thread-safe: the cache is one immutable holder swapped atomically.
 */
final class IsoTimestamp {

    private static final class Cached {
        final long second;
        final String prefix; // "2026-11-25T10:24:04."

        Cached(long second, String prefix) {
            this.second = second;
            this.prefix = prefix;
        }
    }

    private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    String format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Cached c = cached;
        if (c.second != second) {
            String text = Instant.ofEpochSecond(second).toString(); // "2026-11-25T10:24:04Z"
            c = new Cached(second, text.substring(0, text.length() - 1) + '.');
            cached = c;
        }
        char[] out = new char[c.prefix.length() + 4];
        c.prefix.getChars(0, c.prefix.length(), out, 0);
        int at = c.prefix.length();
        out[at] = (char) ('0' + millis / 100);
        out[at + 1] = (char) ('0' + millis / 10 % 10);
        out[at + 2] = (char) ('0' + millis % 10);
        out[at + 3] = 'Z';
        return new String(out);
    }
}
