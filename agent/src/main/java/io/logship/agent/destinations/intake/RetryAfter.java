package io.logship.agent.destinations.intake;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses a {@code Retry-After} header value (RFC 9110 §10.2.3) into a delay relative to a given instant.
 *
 * <p>Two forms are understood:
 * <ul>
 *   <li>delta-seconds, {@code 1*DIGIT}: {@code "120"} → 120 s. Values too large for a {@code long} saturate at
 *       {@link #MAX_DELTA_SECONDS}; {@link RetryPolicy} applies the real cap.</li>
 *   <li>an HTTP-date in IMF-fixdate form, {@code "Sun, 06 Nov 1994 08:49:37 GMT"}, parsed with
 *       {@link DateTimeFormatter#RFC_1123_DATE_TIME}: the delay is the date minus {@code now}, and
 *       {@link Duration#ZERO} when the date has already passed (the server said "after that time", which is now).</li>
 * </ul>
 * Anything else gives {@link Optional#empty()}, and the caller falls back to its own backoff: an empty or blank
 * value, a sign ({@code "-5"}, {@code "+5"}), a fraction, trailing garbage, an impossible date, and the obsolete
 * RFC 850 and asctime date forms (RFC 9110 asks recipients to accept them; no intake sends them, and falling back to
 * backoff is always safe).
 *
 * <p>Stateless and thread-safe. Pure: the clock is a parameter.
 */
public final class RetryAfter {
    /** The saturation value for absurdly large delta-seconds: about 292 billion years, far above any cap. */
    public static final long MAX_DELTA_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private RetryAfter() {}

    /**
     * Parses a header value.
     *
     * @param headerValue the raw value, may be null (header absent); surrounding whitespace is ignored
     * @param now the instant the response was received; not null
     * @return the delay to wait from {@code now}, or empty when the value is absent or not understood
     */
    public static Optional<Duration> parse(String headerValue, Instant now) {
        Objects.requireNonNull(now, "now");
        if (headerValue == null) {
            return Optional.empty();
        }
        String value = headerValue.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (isAsciiDigit(value.charAt(0))) {
            return parseDeltaSeconds(value);
        }
        return parseHttpDate(value, now);
    }

    private static Optional<Duration> parseDeltaSeconds(String value) {
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiDigit(c)) {
                return Optional.empty();
            }
            seconds = Math.min(MAX_DELTA_SECONDS, seconds * 10 + (c - '0'));
        }
        return Optional.of(Duration.ofSeconds(seconds));
    }

    private static Optional<Duration> parseHttpDate(String value, Instant now) {
        Instant at;
        try {
            at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException notADate) {
            // Garbage or an obsolete date form: the caller's own backoff applies, which is always safe.
            return Optional.empty();
        }
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9'; // not Character.isDigit: RFC 9110's DIGIT is ASCII only
    }
}
