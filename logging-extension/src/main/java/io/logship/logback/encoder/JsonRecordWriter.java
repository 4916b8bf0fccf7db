package io.logship.logback.encoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.logship.logback.context.KeyValues;
import io.logship.schema.ReservedAttributes;
import io.logship.schema.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * The one JSON record writer of the extension: the JSON output ({@link JsonEncoder}) and the Datadog output both
 * write their lines with it and differ only in {@link LoggerFields}, their static fields and their transport.
 *
 * <p>A record is one JSON object, then {@code \n}, appended to a {@link RecordBuffer} with Jackson's streaming
 * generator (one generator reused for every record, no intermediate String for the line):
 *
 * <pre>{@code
 * {"timestamp":"2026-11-25T10:24:04.373Z","status":"error","logger":"myapp","thread":"main",
 *  "message":"Something wrong",<static fields>,"request":"r-1","user":"jd",
 *  "error":{"kind":"java.lang.IllegalStateException","message":"boom","stack":"java.lang..."}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code timestamp}: ISO-8601 UTC with millis. {@code status}: the level in the vocabulary shared with the
 *       agent ({@link Status}; TRACE is {@code debug}).
 *   <li>Static fields (the Datadog output's {@code service}, {@code host}, ...) follow the message; a null or empty
 *       value is left out.
 *   <li>Every {@link KeyValues} pair at top level in merged order, values as in {@link JsonValueWriter}. A key equal
 *       to a reserved name ({@link #reservedNames}: every field above, in the nested and the dotted spelling, and
 *       the static fields) is kept under {@value #RESERVED_PREFIX}{@code <key>}, the prefix repeated while that name
 *       is taken too: nothing is dropped or overwritten.
 *   <li>{@code error} only with a throwable: {@code kind}, {@code message} (left out when null) and {@code stack}
 *       (the full trace with causes and suppressed exceptions, without a trailing line break).
 * </ul>
 *
 * <p>Text is written as UTF-8, not escaped; unpaired UTF-16 surrogates become U+FFFD, so every line is valid UTF-8.
 *
 * <p>Failure mode: if a structured value throws while rendered (a map changed while iterated, a record accessor
 * failed), the record is cut from the buffer and written again with every non-scalar value as its text; a record is
 * never lost to a bad value. If {@link #write} still throws, the generator is rebuilt and the caller must {@link
 * RecordBuffer#truncate} the buffer back to where the record started.
 *
 * <p>Not thread-safe: one instance per thread (it reuses a char buffer and a timestamp cache).
 */
public final class JsonRecordWriter {

    /** Prefix that keeps a user key colliding with a reserved name: {@value}. */
    public static final String RESERVED_PREFIX = "kv.";

    /** Appended to a message or stack cut short by {@code maxTextChars}: {@value}. */
    public static final String TRUNCATION_MARK = "...[truncated]";

    /** {@code maxTextChars} that writes every char. */
    public static final int NO_TEXT_LIMIT = Integer.MAX_VALUE;

    /** Size of the reused char buffer strings are copied into before writing: {@value}. */
    static final int DEFAULT_CHARS = 1024;
    /** A char buffer grown past this many chars by a huge string is dropped after use: {@value}. */
    static final int MAX_RETAINED_CHARS = 64 * 1024;

    private static final String ERROR_KIND = LoggerFields.child(ReservedAttributes.ERROR_KIND);
    private static final String ERROR_MESSAGE = LoggerFields.child(ReservedAttributes.ERROR_MESSAGE);
    private static final String ERROR_STACK = LoggerFields.child(ReservedAttributes.ERROR_STACK);

    private static final SerializedString NAME_MESSAGE = new SerializedString(ReservedAttributes.MESSAGE);
    private static final SerializedString NAME_TIMESTAMP = new SerializedString(ReservedAttributes.TIMESTAMP);
    private static final SerializedString NAME_STATUS = new SerializedString(ReservedAttributes.STATUS);
    private static final SerializedString NAME_LOGGER = new SerializedString(ReservedAttributes.LOGGER);
    private static final SerializedString NAME_THREAD = new SerializedString(LoggerFields.THREAD);
    private static final SerializedString NAME_NESTED_NAME = new SerializedString(LoggerFields.NESTED_NAME);
    private static final SerializedString NAME_NESTED_THREAD = new SerializedString(LoggerFields.NESTED_THREAD_NAME);
    private static final SerializedString NAME_ERROR = new SerializedString(ReservedAttributes.ERROR);
    private static final SerializedString NAME_ERROR_KIND = new SerializedString(ERROR_KIND);
    private static final SerializedString NAME_ERROR_MESSAGE = new SerializedString(ERROR_MESSAGE);
    private static final SerializedString NAME_ERROR_STACK = new SerializedString(ERROR_STACK);
    // The status of each logback level, from the vocabulary the agent uses too (TRACE is Datadog's debug).
    private static final SerializedString STATUS_TRACE = statusName(Level.TRACE);
    private static final SerializedString STATUS_DEBUG = statusName(Level.DEBUG);
    private static final SerializedString STATUS_INFO = statusName(Level.INFO);
    private static final SerializedString STATUS_WARN = statusName(Level.WARN);
    private static final SerializedString STATUS_ERROR = statusName(Level.ERROR);

    // Without COMBINE_UNICODE_SURROGATES_IN_UTF8 Jackson writes a character outside the BMP (an emoji) as two escaped
    // UTF-16 halves instead of its 4-byte UTF-8 form.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** Writes fields of its own into the record being written (the generator is inside the record's object). */
    @FunctionalInterface
    public interface ExtraFields {
        void write(JsonGenerator g) throws IOException;
    }

    private final RecordBuffer out;
    private final LoggerFields loggerFields;
    private final SerializedString[] staticNames;
    private final SerializedString[] staticValues;
    private final Set<String> reserved;
    private final UtcMillisClock clock = new UtcMillisClock();
    private JsonGenerator generator;
    private char[] chars = new char[DEFAULT_CHARS];

    /**
     * @param out where lines are appended
     * @param loggerFields where the logger's and thread's names go
     * @param staticFields fields written on every record after the message, in iteration order; a null or empty
     *     value leaves its field out (the name stays reserved)
     * @param moreReserved further names a user key may not take as is
     */
    public JsonRecordWriter(
            RecordBuffer out, LoggerFields loggerFields, Map<String, String> staticFields, Set<String> moreReserved) {
        this.out = out;
        this.loggerFields = loggerFields;
        List<SerializedString> names = new ArrayList<>();
        List<SerializedString> values = new ArrayList<>();
        staticFields.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                names.add(new SerializedString(name));
                values.add(new SerializedString(value));
            }
        });
        this.staticNames = names.toArray(new SerializedString[0]);
        this.staticValues = values.toArray(new SerializedString[0]);
        Set<String> all = new HashSet<>(reservedNames(loggerFields));
        all.addAll(staticFields.keySet());
        all.addAll(moreReserved);
        this.reserved = Set.copyOf(all);
        this.generator = newGenerator();
    }

    /** The names of the record's own fields, in the nested and the dotted spelling. */
    public static Set<String> reservedNames(LoggerFields loggerFields) {
        Set<String> names = new HashSet<>(List.of(
                ReservedAttributes.TIMESTAMP,
                ReservedAttributes.STATUS,
                ReservedAttributes.LOGGER,
                ReservedAttributes.MESSAGE,
                ReservedAttributes.ERROR,
                ReservedAttributes.ERROR_KIND,
                ReservedAttributes.ERROR_MESSAGE,
                ReservedAttributes.ERROR_STACK));
        if (loggerFields == LoggerFields.FLAT) {
            names.add(LoggerFields.THREAD);
        } else {
            names.add(ReservedAttributes.LOGGER_NAME);
            names.add(ReservedAttributes.LOGGER_THREAD_NAME);
        }
        return Set.copyOf(names);
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null); // each record is one root value of this reused generator
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // RecordBuffer never throws
        }
    }

    /**
     * Appends one {@code \n}-terminated JSON line for {@code event}.
     *
     * @param maxTextChars the most chars of the message and of the stack trace to write (longer ones are cut and
     *     end with {@link #TRUNCATION_MARK}); {@link #NO_TEXT_LIMIT} for no limit
     */
    public void write(ILoggingEvent event, int maxTextChars) throws IOException {
        int start = out.size();
        try {
            writeEvent(event, maxTextChars, false);
        } catch (RuntimeException e) {
            out.truncate(start);
            writeEvent(event, maxTextChars, true);
        }
    }

    private void writeEvent(ILoggingEvent event, int maxTextChars, boolean textOnlyValues) throws IOException {
        try {
            JsonGenerator g = generator;
            writeHead(
                    g,
                    event.getTimeStamp(),
                    status(event.getLevel()),
                    event.getLoggerName(),
                    event.getThreadName(),
                    event.getFormattedMessage(),
                    maxTextChars);
            writeKeyValues(g, KeyValues.of(event), textOnlyValues);
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                writeError(g, error, maxTextChars);
            }
            endLine(g);
        } catch (IOException | RuntimeException e) {
            generator = newGenerator(); // the old one holds a half-written record
            throw e;
        }
    }

    /**
     * Appends one {@code \n}-terminated line written by the output itself (a report, not an application event): the
     * same head and static fields as every record, then {@code extra}.
     */
    public void writeNotice(
            long epochMillis, Level level, String loggerName, String threadName, String message, ExtraFields extra)
            throws IOException {
        try {
            JsonGenerator g = generator;
            writeHead(g, epochMillis, status(level), loggerName, threadName, message, NO_TEXT_LIMIT);
            extra.write(g);
            endLine(g);
        } catch (IOException | RuntimeException e) {
            generator = newGenerator();
            throw e;
        }
    }

    private void writeHead(
            JsonGenerator g,
            long epochMillis,
            SerializableString status,
            String loggerName,
            String threadName,
            String message,
            int maxTextChars)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName(NAME_TIMESTAMP);
        g.writeString(clock.format(epochMillis), 0, UtcMillisClock.LENGTH);
        g.writeFieldName(NAME_STATUS);
        g.writeString(status);
        g.writeFieldName(NAME_LOGGER);
        if (loggerFields == LoggerFields.FLAT) {
            writeText(g, loggerName);
            g.writeFieldName(NAME_THREAD);
            writeText(g, threadName);
        } else {
            g.writeStartObject();
            g.writeFieldName(NAME_NESTED_NAME);
            writeText(g, loggerName);
            g.writeFieldName(NAME_NESTED_THREAD);
            writeText(g, threadName);
            g.writeEndObject();
        }
        g.writeFieldName(NAME_MESSAGE);
        writeText(g, message, message == null ? 0 : message.length(), maxTextChars);
        for (int i = 0; i < staticNames.length; i++) {
            g.writeFieldName(staticNames[i]);
            g.writeString(staticValues[i]);
        }
    }

    private void writeError(JsonGenerator g, IThrowableProxy error, int maxTextChars) throws IOException {
        g.writeFieldName(NAME_ERROR);
        g.writeStartObject();
        g.writeFieldName(NAME_ERROR_KIND);
        writeText(g, error.getClassName());
        if (error.getMessage() != null) {
            g.writeFieldName(NAME_ERROR_MESSAGE);
            writeText(g, error.getMessage());
        }
        g.writeFieldName(NAME_ERROR_STACK);
        String stack = ThrowableProxyUtil.asString(error);
        writeText(g, stack, StackTraceText.contentLength(stack), maxTextChars);
        g.writeEndObject();
    }

    private void writeKeyValues(JsonGenerator g, List<KeyValuePair> pairs, boolean textOnlyValues) throws IOException {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            KeyValuePair kv = pairs.get(i);
            String key = kv.key;
            g.writeFieldName(WellFormed.of(reserved.contains(key) ? escapedKey(key, pairs) : key));
            JsonValueWriter.write(g, kv.value, textOnlyValues);
        }
    }

    /** The name a colliding key is kept under: the prefix, repeated until no reserved or user key has that name. */
    private String escapedKey(String key, List<KeyValuePair> pairs) {
        String candidate = RESERVED_PREFIX + key;
        while (reserved.contains(candidate) || hasKey(pairs, candidate)) {
            candidate = RESERVED_PREFIX + candidate;
        }
        return candidate;
    }

    private static boolean hasKey(List<KeyValuePair> pairs, String key) {
        for (int i = 0, n = pairs.size(); i < n; i++) {
            if (key.equals(pairs.get(i).key)) {
                return true;
            }
        }
        return false;
    }

    private static void endLine(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private void writeText(JsonGenerator g, String s) throws IOException {
        writeText(g, s, s == null ? 0 : s.length(), NO_TEXT_LIMIT);
    }

    /**
     * Writes {@code s[0, length)}, cut to {@code maxChars} plus {@link #TRUNCATION_MARK}, through a reused char[]:
     * Jackson's {@code writeString(char[], ...)} loop measured about 35 % faster per record than its {@code
     * writeString(String)} path (which reads the text with charAt), and cutting here allocates no substring.
     */
    private void writeText(JsonGenerator g, String s, int length, int maxChars) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        int n = length;
        boolean cut = n > maxChars;
        if (cut) {
            n = Math.max(0, maxChars);
            if (n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
                n--; // never split a surrogate pair into invalid UTF-16
            }
        }
        int total = cut ? n + TRUNCATION_MARK.length() : n;
        if (total > chars.length) {
            chars = new char[Math.max(total, chars.length * 2)];
        }
        s.getChars(0, n, chars, 0);
        WellFormed.repairInPlace(chars, n);
        if (cut) {
            TRUNCATION_MARK.getChars(0, TRUNCATION_MARK.length(), chars, n);
        }
        g.writeString(chars, 0, total);
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[DEFAULT_CHARS]; // give a huge message's buffer back
        }
    }

    private static SerializedString statusName(Level level) {
        return new SerializedString(Status.ofLevelName(level.levelStr).wireName());
    }

    private static SerializableString status(Level level) {
        switch (level.levelInt) {
            case Level.TRACE_INT:
                return STATUS_TRACE;
            case Level.DEBUG_INT:
                return STATUS_DEBUG;
            case Level.INFO_INT:
                return STATUS_INFO;
            case Level.WARN_INT:
                return STATUS_WARN;
            default:
                return STATUS_ERROR;
        }
    }
}
