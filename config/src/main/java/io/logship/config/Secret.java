package io.logship.config;

import java.util.Objects;

/**
 * A value that must never be printed: the intake API key.
 *
 * <p>{@link #toString()} always answers {@value #REDACTED}, so a secret that ends up in a log line, an exception
 * message or {@code --print-config} output shows nothing. Only {@link #reveal()} gives the value, and its only
 * legitimate caller is the code that puts it into a request header.
 */
public final class Secret {
    /** What every rendering of a secret shows instead of its value. */
    public static final String REDACTED = "********";

    private static final Secret ABSENT = new Secret(null);

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value}; a null or blank value gives the absent secret. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? ABSENT : new Secret(value.strip());
    }

    public static Secret absent() {
        return ABSENT;
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The clear value. Call it only to put the secret on the wire. */
    public String reveal() {
        if (value == null) {
            throw new IllegalStateException("no secret configured");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && Objects.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return isPresent() ? REDACTED : "(none)";
    }
}
