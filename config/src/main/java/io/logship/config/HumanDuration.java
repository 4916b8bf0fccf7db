package io.logship.config;

import java.time.Duration;

/**
 * Parses human durations: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. A unit is required
 * (a bare {@code 5} could mean seconds or milliseconds), except for {@code 0}.
 */
public final class HumanDuration {
    /** The sentence every duration error ends with. */
    public static final String EXPECTED = "a duration like 500ms, 5s, 2m or 1h";

    private HumanDuration() {}

    public static Duration parse(String text) {
        String s = text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        int split = 0;
        while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '-')) {
            split++;
        }
        if (split == 0 || split == s.length()) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, split));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
        return switch (s.substring(split).strip()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown duration unit");
        };
    }

    /** The shortest exact rendering of {@code d}: {@code 2m}, {@code 5s}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0) {
            if (ms % 86_400_000L == 0) {
                return ms / 86_400_000L + "d";
            }
            if (ms % 3_600_000L == 0) {
                return ms / 3_600_000L + "h";
            }
            if (ms % 60_000L == 0) {
                return ms / 60_000L + "m";
            }
            if (ms % 1_000L == 0) {
                return ms / 1_000L + "s";
            }
        }
        return ms + "ms";
    }
}
