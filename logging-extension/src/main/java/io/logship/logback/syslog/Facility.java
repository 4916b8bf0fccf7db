package io.logship.logback.syslog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Syslog facilities with their RFC 5424 §6.2.1 numeric codes.
 *
 * <p>Names are matched case-insensitively, with or without the {@code LOG_} prefix of the C API, as daiquiri does
 * ({@code "local7"}, {@code "LOG_LOCAL7"} and {@code "Local7"} all give {@link #LOCAL7}).
 */
public enum Facility {
    KERN(0),
    USER(1),
    MAIL(2),
    DAEMON(3),
    AUTH(4),
    SYSLOG(5),
    LPR(6),
    NEWS(7),
    UUCP(8),
    CRON(9),
    AUTHPRIV(10),
    FTP(11),
    NTP(12),
    SECURITY(13),
    CONSOLE(14),
    SOLARIS_CRON(15),
    LOCAL0(16),
    LOCAL1(17),
    LOCAL2(18),
    LOCAL3(19),
    LOCAL4(20),
    LOCAL5(21),
    LOCAL6(22),
    LOCAL7(23);

    private final int code;

    Facility(int code) {
        this.code = code;
    }

    /** The numeric facility code, 0 to 23. */
    public int code() {
        return code;
    }

    /**
     * Looks a facility up by name.
     *
     * @throws IllegalArgumentException naming the bad value and every valid name
     */
    public static Facility fromName(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (upper.startsWith("LOG_")) {
                upper = upper.substring(4);
            }
            for (Facility f : values()) {
                if (f.name().equals(upper)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown syslog facility '" + name + "'; expected one of: " + validNames());
    }

    /** Every valid name in lower case, comma separated, for error messages. */
    static String validNames() {
        return Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
