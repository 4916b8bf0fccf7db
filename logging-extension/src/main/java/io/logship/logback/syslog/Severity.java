package io.logship.logback.syslog;

import ch.qos.logback.classic.Level;

/**
 * Maps logback levels to RFC 5424 §6.2.1 severities. It is the same table as daiquiri's {@code SYSLOG_MAP} and
 * systemd's {@code PRIORITY} field: ERROR 3 (err), WARN 4 (warning), INFO 6 (info), DEBUG and TRACE 7 (debug).
 */
public final class Severity {
    /** RFC 5424 "error conditions". */
    public static final int ERROR = 3;
    /** RFC 5424 "warning conditions". */
    public static final int WARNING = 4;
    /** RFC 5424 "informational messages". */
    public static final int INFO = 6;
    /** RFC 5424 "debug-level messages". */
    public static final int DEBUG = 7;

    private Severity() {}

    /** The severity code (0 to 7) of a logback level; anything below INFO is debug. */
    public static int of(Level level) {
        int l = level.toInt();
        if (l >= Level.ERROR_INT) {
            return ERROR;
        }
        if (l >= Level.WARN_INT) {
            return WARNING;
        }
        if (l >= Level.INFO_INT) {
            return INFO;
        }
        return DEBUG;
    }
}
