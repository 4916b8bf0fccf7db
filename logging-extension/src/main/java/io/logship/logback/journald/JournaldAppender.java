package io.logship.logback.journald;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.logship.logback.ProgramName;
import io.logship.logback.context.KeyValues;
import io.logship.logback.context.SafeText;
import io.logship.logback.syslog.LayoutText;
import io.logship.logback.syslog.MessageSender;
import io.logship.logback.syslog.OccurrenceReporter;
import io.logship.logback.syslog.SenderOutput;
import io.logship.logback.syslog.Severity;
import io.logship.logback.syslog.UnixDatagramSender;
import io.logship.schema.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.event.KeyValuePair;

/**
 * Sends each record to systemd-journald over its native protocol, one datagram per record, like daiquiri's
 * {@code Journal} output.
 *
 * <pre>{@code
 * <appender name="JOURNAL" class="io.logship.logback.journald.JournaldAppender">
 *   <programName>shop</programName>
 * </appender>
 * }</pre>
 *
 * <p>Fields of each entry:
 *
 * <table>
 *   <caption>journal fields</caption>
 *   <tr><th>field</th><th>value</th></tr>
 *   <tr><td>MESSAGE</td><td>the {@code layout}'s text (default {@value #DEFAULT_PATTERN}, no stack trace), without
 *       one trailing newline</td></tr>
 *   <tr><td>PRIORITY</td><td>3 (ERROR), 4 (WARN), 6 (INFO), 7 (DEBUG, TRACE); see {@link Severity}</td></tr>
 *   <tr><td>SYSLOG_IDENTIFIER</td><td>{@code programName}, default {@link ProgramName#detect()}</td></tr>
 *   <tr><td>LOGGER_NAME, LOGGER_LEVEL, THREAD_NAME</td><td>from the event</td></tr>
 *   <tr><td>CODE_FILE, CODE_LINE, CODE_FUNC</td><td>only with {@code includeCallerData} (costly: a stack walk
 *       per record)</td></tr>
 *   <tr><td>EXCEPTION_TEXT</td><td>the stack trace, when the record has a throwable</td></tr>
 *   <tr><td>each key/value ({@link KeyValues}: scoped, bound and call-site, merged)</td><td>key mapped by {@link JournalFieldNames} ({@code user} gives {@code USER}),
 *       value as text</td></tr>
 * </table>
 *
 * <p>Size policy: an entry must fit one datagram of {@code maxEntryBytes} (default
 * {@value #DEFAULT_MAX_ENTRY_BYTES}). Larger entries are cut, never dropped: EXCEPTION_TEXT first, then MESSAGE,
 * each ending with {@value #TRUNCATION_MARKER}; each cut is counted. Only an entry whose other fields alone are too
 * large is dropped (counted). journald itself can take larger entries through a memfd passed with SCM_RIGHTS, but
 * that needs native code this library does not ship.
 *
 * <p>Failure modes: {@code start()} reports configuration problems (and missing netty native support, which unix
 * datagram sockets need) with {@code addError} and stays stopped. At runtime nothing is thrown into the
 * application: a record journald does not take (socket missing, daemon stopped, queue full) is dropped at once and
 * counted, with a warning on the first drop and every {@value OccurrenceReporter#DEFAULT_REPORT_EVERY}th.
 */
public class JournaldAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** journald's native socket. */
    public static final String DEFAULT_SOCKET_PATH = "/run/systemd/journal/socket";
    /** Default MESSAGE layout: the formatted message only (the stack trace goes to EXCEPTION_TEXT). */
    public static final String DEFAULT_PATTERN = "%msg%nopex";
    /**
     * Default largest entry, in bytes: 128 KiB. Linux refuses unix datagrams larger than the sender's socket buffer
     * ({@code net.core.wmem_default}, 212992 bytes by default, about 212960 of it usable), so this stays well below.
     */
    public static final int DEFAULT_MAX_ENTRY_BYTES = 131072;
    /** Smallest accepted {@code maxEntryBytes}. */
    public static final int MIN_MAX_ENTRY_BYTES = 1024;
    /** Appended to a MESSAGE or EXCEPTION_TEXT value that was cut to fit. */
    public static final String TRUNCATION_MARKER = "...[truncated]";

    private static final byte[] MARKER = TRUNCATION_MARKER.getBytes(StandardCharsets.US_ASCII);

    private String socketPath = DEFAULT_SOCKET_PATH;
    private String programName;
    private boolean includeCallerData;
    private int maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
    private Layout<ILoggingEvent> layout;

    private String identifier;
    private final SenderOutput output = new SenderOutput(this, "journal entries");

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        int errors = 0;
        if (socketPath == null || socketPath.isBlank()) {
            addError("socketPath is required (journald's is " + DEFAULT_SOCKET_PATH + ")");
            errors++;
        }
        if (maxEntryBytes < MIN_MAX_ENTRY_BYTES) {
            addError("maxEntryBytes must be >= " + MIN_MAX_ENTRY_BYTES + ": " + maxEntryBytes);
            errors++;
        }
        String reason = UnixDatagramSender.unavailabilityReason();
        if (reason != null) {
            addError("journald needs a unix datagram socket: " + reason);
            errors++;
        }
        if (errors > 0) {
            addError("journald appender '" + getName() + "' not started: " + errors + " configuration error(s)");
            return;
        }
        MessageSender sender;
        try {
            sender = new UnixDatagramSender(socketPath, maxEntryBytes);
        } catch (IOException | RuntimeException e) {
            addError("cannot open a unix datagram socket for " + socketPath + ": " + e, e);
            return;
        }
        layout = output.start(sender, layout, DEFAULT_PATTERN);
        identifier = programName != null && !programName.isBlank() ? programName : ProgramName.detect();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] entry = encode(event);
        if (entry == null) {
            output.dropped("an entry's fields other than MESSAGE and EXCEPTION_TEXT exceed maxEntryBytes ("
                    + maxEntryBytes + ")");
            return;
        }
        output.send(entry, entry.length);
    }

    /** The entry's bytes, cut to {@code maxEntryBytes}; null when even the fixed fields do not fit. */
    byte[] encode(ILoggingEvent event) {
        JournalEntryWriter w = new JournalEntryWriter();
        w.field("PRIORITY", Integer.toString(Severity.of(event.getLevel())));
        w.field("SYSLOG_IDENTIFIER", identifier);
        w.field("LOGGER_NAME", event.getLoggerName());
        w.field("LOGGER_LEVEL", event.getLevel().toString());
        w.field("THREAD_NAME", String.valueOf(event.getThreadName()));
        if (includeCallerData) {
            StackTraceElement[] caller = event.getCallerData();
            if (caller != null && caller.length > 0) {
                w.field("CODE_FILE", String.valueOf(caller[0].getFileName()));
                w.field("CODE_LINE", Integer.toString(caller[0].getLineNumber()));
                w.field("CODE_FUNC", caller[0].getClassName() + "." + caller[0].getMethodName());
            }
        }
        for (KeyValuePair kv : KeyValues.of(event)) {
            w.field(JournalFieldNames.forKey(kv.key), SafeText.of(kv.value));
        }
        String text = LayoutText.withoutTrailingNewline(layout.doLayout(event));
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        IThrowableProxy throwable = event.getThrowableProxy();
        byte[] exception = throwable == null
                ? null
                : ThrowableProxyUtil.asString(throwable).getBytes(StandardCharsets.UTF_8);

        int room = maxEntryBytes
                - w.size()
                - JournalEntryWriter.encodedSize("MESSAGE", 0)
                - (exception == null ? 0 : JournalEntryWriter.encodedSize("EXCEPTION_TEXT", 0));
        if (room < 0) {
            return null;
        }
        int total = message.length + (exception == null ? 0 : exception.length);
        if (total > room) {
            output.truncated("an entry was longer than maxEntryBytes (" + maxEntryBytes + ")");
            if (exception != null) {
                exception = cut(exception, Math.max(0, room - message.length));
            }
            message = cut(message, room - (exception == null ? 0 : exception.length));
        }
        w.field("MESSAGE", message);
        if (exception != null) {
            w.field("EXCEPTION_TEXT", exception);
        }
        return w.toByteArray();
    }

    /** {@code value} cut to at most {@code limit} bytes, ending with the marker when cut. */
    static byte[] cut(byte[] value, int limit) {
        if (value.length <= limit) {
            return value;
        }
        if (limit < MARKER.length) {
            return new byte[0];
        }
        int keep = Utf8.boundary(value, limit - MARKER.length);
        byte[] out = new byte[keep + MARKER.length];
        System.arraycopy(value, 0, out, 0, keep);
        System.arraycopy(MARKER, 0, out, keep, MARKER.length);
        return out;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        layout = output.stop(layout);
    }

    /** Entries dropped since start. */
    public long getDroppedCount() {
        return output.droppedCount();
    }

    /** Entries cut to fit since start. */
    public long getTruncatedCount() {
        return output.truncatedCount();
    }

    // ---- configuration, one get/set pair per logback.xml element ----

    public String getSocketPath() {
        return socketPath;
    }

    /** journald's native datagram socket; default {@value #DEFAULT_SOCKET_PATH}. */
    public void setSocketPath(String socketPath) {
        this.socketPath = socketPath;
    }

    public String getProgramName() {
        return programName;
    }

    /** SYSLOG_IDENTIFIER; default {@link ProgramName#detect()}. */
    public void setProgramName(String programName) {
        this.programName = programName;
    }

    public boolean isIncludeCallerData() {
        return includeCallerData;
    }

    /** Whether to add CODE_FILE, CODE_LINE and CODE_FUNC (a stack walk per record); default false. */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    public int getMaxEntryBytes() {
        return maxEntryBytes;
    }

    /** Largest entry in bytes, at least {@value #MIN_MAX_ENTRY_BYTES}; default {@value #DEFAULT_MAX_ENTRY_BYTES}. */
    public void setMaxEntryBytes(int maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    public Layout<ILoggingEvent> getLayout() {
        return layout;
    }

    /** Renders MESSAGE; default a {@link PatternLayout} of {@value #DEFAULT_PATTERN}. */
    public void setLayout(Layout<ILoggingEvent> layout) {
        this.layout = layout;
    }
}
