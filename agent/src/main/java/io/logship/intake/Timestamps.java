package io.logship.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the time formats the intake accepts: epoch milliseconds, or ISO-8601 with {@code Z} or an offset. */
final class Timestamps {
    private Timestamps() {}

    /** Epoch milliseconds, or {@code null} when {@code text} is neither format. */
    static Long parseMillis(String text) {
        String trimmed = text.trim();
        if (isInteger(trimmed)) {
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                return null; // too many digits for a long: not a usable time
            }
        }
        try {
            return Instant.parse(trimmed).toEpochMilli();
        } catch (DateTimeParseException e) {
            // not an instant ending in Z: an explicit offset is tried next
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
