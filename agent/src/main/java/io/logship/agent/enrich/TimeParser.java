package io.logship.agent.enrich;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a record's own time from bytes, without a {@code String} or {@code java.time}: epoch numbers (seconds with
 * or without a fraction, milliseconds, microseconds, nanoseconds, told apart by the number of integer digits) and
 * ISO-8601 / RFC 3339 date-times ({@code 2026-11-27T12:00:00Z}, {@code +02:00}, {@code +0200}, no zone = UTC,
 * {@code T} or a space, fraction after {@code .} or {@code ,} as Python's {@code asctime} writes it).
 *
 * <p>Magnitudes of an epoch number's integer part: up to 10 digits seconds (until 2286), 11–13 milliseconds, 14–16
 * microseconds, 17–19 nanoseconds; more digits, a sign, an exponent or anything else: not a time.
 *
 * <p>The static {@link #parse} is stateless and thread-safe. An instance ({@link #parseCached}) remembers the last
 * date-and-minute prefix it read ({@code 2026-11-27T12:00}) and its epoch seconds, since consecutive records mostly
 * share it: not thread-safe, one per enricher.
 */
final class TimeParser {
    /** The result for input that is not a time. */
    static final long NONE = Long.MIN_VALUE;
    /** {@code YYYY-MM-DDThh:mm}: the prefix the cache keys on. */
    private static final int MINUTE_PREFIX = 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The cached prefix as two 8-byte words. */
    private long cachedMinute0;

    private long cachedMinute1;
    private long cachedMinuteSeconds = NONE;

    /**
     * @param b the bytes of a JSON value: a number, or the inside of a string (without quotes)
     * @return epoch milliseconds, or {@link #NONE}
     */
    static long parse(byte[] b, int off, int len) {
        return parse(b, off, len, null);
    }

    /** {@link #parse(byte[], int, int)} with this instance's cache of the last minute. */
    long parseCached(byte[] b, int off, int len) {
        return parse(b, off, len, this);
    }

    private static long parse(byte[] b, int off, int len, TimeParser cache) {
        int end = off + len;
        while (off < end && b[off] == ' ') {
            off++;
        }
        while (end > off && b[end - 1] == ' ') {
            end--;
        }
        len = end - off;
        if (len == 0) {
            return NONE;
        }
        if (len >= 10 && b[off + 4] == '-' && isDigit(b[off])) {
            return iso(b, off, end, cache);
        }
        return epoch(b, off, end);
    }

    /** An epoch number: digits, optionally a fraction; the unit from the integer digits. */
    static long epoch(byte[] b, int off, int end) {
        int i = off;
        long whole = 0;
        while (i < end && isDigit(b[i])) {
            if (i - off >= 19) {
                return NONE; // more than a nanosecond epoch's digits: overflow
            }
            whole = whole * 10 + (b[i] - '0');
            i++;
        }
        int digits = i - off;
        if (digits == 0) {
            return NONE;
        }
        long fractionMillis = 0;
        if (i < end && b[i] == '.') {
            i++;
            int fractionStart = i;
            int scale = 100;
            while (i < end && isDigit(b[i])) {
                if (scale > 0) {
                    fractionMillis += (b[i] - '0') * scale;
                }
                scale /= 10;
                i++;
            }
            if (i == fractionStart) {
                return NONE;
            }
        }
        if (i != end) {
            return NONE;
        }
        if (digits <= 10) {
            return whole * 1000 + fractionMillis;
        }
        if (digits <= 13) {
            return whole;
        }
        if (digits <= 16) {
            return whole / 1000;
        }
        return whole / 1_000_000;
    }

    /** YYYY-MM-DD[Tt ]hh:mm[:ss[(.|,)fraction]][Z|±hh[:mm|mm]]. */
    private static long iso(byte[] b, int off, int end, TimeParser cache) {
        int i = off + MINUTE_PREFIX;
        long minuteSeconds;
        if (cache != null
                && end - off >= MINUTE_PREFIX
                && cache.cachedMinuteSeconds != NONE
                && (long) LONGS.get(b, off) == cache.cachedMinute0
                && (long) LONGS.get(b, off + 8) == cache.cachedMinute1) {
            minuteSeconds = cache.cachedMinuteSeconds;
        } else {
            int year = digits(b, off, 4);
            int month = digits(b, off + 5, 2);
            int day = digits(b, off + 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || b[off + 7] != '-') {
                return NONE;
            }
            if (day > daysInMonth(year, month)) {
                return NONE;
            }
            int t = off + 10;
            if (end - t < 6 || (b[t] != 'T' && b[t] != 't' && b[t] != ' ') || b[t + 3] != ':') {
                return NONE;
            }
            int hour = digits(b, t + 1, 2);
            int minute = digits(b, t + 4, 2);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return NONE;
            }
            minuteSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600L + minute * 60L;
            if (cache != null && end - off >= MINUTE_PREFIX) {
                cache.cachedMinute0 = (long) LONGS.get(b, off);
                cache.cachedMinute1 = (long) LONGS.get(b, off + 8);
                cache.cachedMinuteSeconds = minuteSeconds;
            }
        }
        int second = 0;
        long millis = 0;
        if (i < end && b[i] == ':') {
            second = digits(b, i + 1, 2);
            if (i + 3 > end || second < 0 || second > 60) {
                return NONE;
            }
            if (second == 60) {
                second = 59; // a leap second
            }
            i += 3;
            if (i < end && (b[i] == '.' || b[i] == ',')) {
                i++;
                int start = i;
                int scale = 100;
                while (i < end && isDigit(b[i])) {
                    millis += (b[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start) {
                    return NONE;
                }
            }
        }
        int offsetSeconds = 0;
        if (i < end) {
            byte z = b[i];
            if ((z == 'Z' || z == 'z') && i + 1 == end) {
                i++;
            } else if (z == '+' || z == '-') {
                int oh = digits(b, i + 1, 2);
                if (oh < 0 || oh > 18) {
                    return NONE;
                }
                int j = i + 3;
                int om = 0;
                if (j < end) {
                    if (b[j] == ':') {
                        j++;
                    }
                    om = digits(b, j, 2);
                    if (om < 0 || om > 59 || j + 2 != end) {
                        return NONE;
                    }
                    j += 2;
                }
                if (j != end) {
                    return NONE;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                i = end;
            } else {
                return NONE;
            }
        }
        if (i != end) {
            return NONE;
        }
        return (minuteSeconds + second - offsetSeconds) * 1000 + millis;
    }

    /** The value of {@code n} decimal digits at {@code i}, or -1. */
    private static int digits(byte[] b, int i, int n) {
        if (i + n > b.length) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < n; k++) {
            byte c = b[i + k];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
