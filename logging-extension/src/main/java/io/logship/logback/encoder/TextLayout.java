package io.logship.logback.encoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;
import io.logship.logback.context.KeyValues;
import io.logship.logback.context.SafeText;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * daiquiri's text format as a logback layout:
 *
 * <pre>
 * 2026-11-25 10:24:04,373 [38550] ERROR    myapp [request: r-1] [user: jd]: Something wrong
 * java.lang.IllegalStateException: Something wrong
 * 	at ...
 * </pre>
 *
 * <p>Local time with millis, pid, level padded to {@value #LEVEL_WIDTH}, logger name, the {@link KeyValues} pairs as
 * {@code [key: value]} in their merged order, then the message; a stack trace (causes, suppressed) on the next lines.
 * With colour, {@link #LEVEL_COLORS daiquiri's colours} wrap the text from the level to the end of the message; the
 * stack trace stays plain. Values render with {@code toString()} through {@link SafeText}.
 *
 * <p>Options (logback.xml elements): {@code color} ({@link ColorMode}, default {@code NEVER}), {@code
 * includeTimestamp} and {@code includePid} (default true; syslog and journald bodies turn them off because the
 * daemon stamps records itself). Thread-safe once started.
 */
public class TextLayout extends LayoutBase<ILoggingEvent> {

    /** Width the level name is padded to, as daiquiri's {@code %(levelname)-8.8s}. */
    public static final int LEVEL_WIDTH = 8;

    /** The timestamp pattern: local time with millis, as Python's logging {@code asctime}. */
    public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd HH:mm:ss,SSS";

    /** ANSI colours by level (daiquiri's LEVEL_COLORS), indexed TRACE, DEBUG, INFO, WARN, ERROR. */
    static final String[] LEVEL_COLORS = {"\033[00;32m", "\033[00;32m", "\033[00;36m", "\033[01;33m", "\033[01;31m"};

    /** Resets the colour after the message. */
    static final String COLOR_STOP = "\033[0m";

    private static final long PID = ProcessHandle.current().pid();

    private ColorMode color = ColorMode.NEVER;
    private boolean includeTimestamp = true;
    private boolean includePid = true;
    private boolean colorEnabled;
    private CachingDateFormatter dateFormatter;

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (color == null) {
            addError("color must be one of AUTO, ALWAYS, NEVER");
            return;
        }
        colorEnabled = color.enabled(System.getenv());
        dateFormatter = new CachingDateFormatter(TIMESTAMP_PATTERN, ZoneId.systemDefault());
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        if (includeTimestamp) {
            out.append(dateFormatter.format(event.getTimeStamp())).append(' ');
        }
        if (includePid) {
            out.append('[').append(PID).append("] ");
        }
        Level level = event.getLevel();
        if (colorEnabled) {
            out.append(colorOf(level));
        }
        String levelName = level.toString();
        out.append(levelName);
        for (int i = levelName.length(); i < LEVEL_WIDTH; i++) {
            out.append(' ');
        }
        out.append(' ').append(event.getLoggerName());
        appendPairs(out, KeyValues.of(event));
        out.append(": ").append(event.getFormattedMessage());
        if (colorEnabled) {
            out.append(COLOR_STOP);
        }
        out.append('\n');
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy != null) {
            out.append(StackTraceText.of(proxy)).append('\n');
        }
        return out.toString();
    }

    /** Appends {@code " [k: v] [k2: v2]"}, nothing when there are no pairs. */
    static void appendPairs(StringBuilder out, List<KeyValuePair> pairs) {
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            out.append(" [")
                    .append(pair.key)
                    .append(": ")
                    .append(SafeText.of(pair.value))
                    .append(']');
        }
    }

    private static String colorOf(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT:
                return LEVEL_COLORS[0];
            case Level.DEBUG_INT:
                return LEVEL_COLORS[1];
            case Level.INFO_INT:
                return LEVEL_COLORS[2];
            case Level.WARN_INT:
                return LEVEL_COLORS[3];
            default:
                return LEVEL_COLORS[4];
        }
    }

    @Override
    public String getContentType() {
        return "text/plain";
    }

    public ColorMode getColor() {
        return color;
    }

    public void setColor(ColorMode color) {
        this.color = color;
    }

    public boolean isIncludeTimestamp() {
        return includeTimestamp;
    }

    public void setIncludeTimestamp(boolean includeTimestamp) {
        this.includeTimestamp = includeTimestamp;
    }

    public boolean isIncludePid() {
        return includePid;
    }

    public void setIncludePid(boolean includePid) {
        this.includePid = includePid;
    }
}
