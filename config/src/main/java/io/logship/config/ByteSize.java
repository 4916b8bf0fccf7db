package io.logship.config;

import java.util.Locale;

/**
 * Parses human sizes: {@code 900000}, {@code 900kB}, {@code 5MB}, {@code 64MiB}, {@code 1GiB}.
 *
 * <p>Decimal units ({@code kB}, {@code MB}, {@code GB}) are powers of 1000, binary units ({@code KiB}, {@code MiB},
 * {@code GiB}) powers of 1024, as in the intake's own limits (5,000,000 bytes is "5MB"). Units are
 * case-insensitive; a bare number is bytes.
 */
public final class ByteSize {
    /** The sentence every size error ends with. */
    public static final String EXPECTED = "a size in bytes like 900000, 900kB, 5MB or 64MiB";

    private ByteSize() {}

    /** The number of bytes {@code text} names; {@link IllegalArgumentException} if it names none. */
    public static long parse(String text) {
        String s = text.strip();
        int split = 0;
        while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '-')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("not a size");
        }
        long number;
        try {
            number = Long.parseLong(s.substring(0, split));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size", e);
        }
        long multiplier = multiplier(s.substring(split).strip().toLowerCase(Locale.ROOT));
        try {
            return Math.multiplyExact(number, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large", e);
        }
    }

    private static long multiplier(String unit) {
        return switch (unit) {
            case "", "b" -> 1L;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> throw new IllegalArgumentException("unknown size unit '" + unit + "'");
        };
    }

    /** The shortest exact rendering of {@code bytes}: {@code 64MiB}, {@code 5MB}, {@code 1234}. */
    public static String format(long bytes) {
        if (bytes != 0) {
            if (bytes % (1L << 30) == 0) {
                return bytes / (1L << 30) + "GiB";
            }
            if (bytes % (1L << 20) == 0) {
                return bytes / (1L << 20) + "MiB";
            }
            if (bytes % 1_000_000_000L == 0) {
                return bytes / 1_000_000_000L + "GB";
            }
            if (bytes % 1_000_000L == 0) {
                return bytes / 1_000_000L + "MB";
            }
            if (bytes % (1L << 10) == 0) {
                return bytes / (1L << 10) + "KiB";
            }
            if (bytes % 1_000L == 0) {
                return bytes / 1_000L + "kB";
            }
        }
        return Long.toString(bytes);
    }
}
