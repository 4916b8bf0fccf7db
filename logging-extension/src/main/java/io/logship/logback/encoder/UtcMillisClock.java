package io.logship.logback.encoder;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds as ISO-8601 UTC with milliseconds, {@code 2026-11-25T01:39:58.123Z}, without
 * allocating: the date-and-seconds prefix is cached and rebuilt only when the second changes.
 *
 * <p>Not thread-safe: owned by one {@link JsonRecordWriter}. Years outside 0000-9999 are clamped by
 * {@link LocalDateTime} rules and printed with four digits of their value modulo 10000 (not a practical concern).
 */
final class UtcMillisClock {

    /** Length of the formatted text: {@value}. */
    static final int LENGTH = 24;

    private final char[] text = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** Formats {@code epochMillis}; the result is valid until the next call. */
    char[] format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            fillPrefix(second);
            cachedSecond = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        text[20] = (char) ('0' + millis / 100);
        text[21] = (char) ('0' + millis / 10 % 10);
        text[22] = (char) ('0' + millis % 10);
        return text;
    }

    private void fillPrefix(long second) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        digits(t.getYear() % 10000, 0, 4);
        text[4] = '-';
        digits(t.getMonthValue(), 5, 2);
        text[7] = '-';
        digits(t.getDayOfMonth(), 8, 2);
        text[10] = 'T';
        digits(t.getHour(), 11, 2);
        text[13] = ':';
        digits(t.getMinute(), 14, 2);
        text[16] = ':';
        digits(t.getSecond(), 17, 2);
        text[19] = '.';
        text[23] = 'Z';
    }

    private void digits(int value, int at, int width) {
        int v = Math.abs(value);
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
