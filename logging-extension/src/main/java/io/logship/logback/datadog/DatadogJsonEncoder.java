package io.logship.logback.datadog;

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
import io.logship.logback.encoder.JsonValueWriter;
import io.logship.schema.ReservedAttributes;
import io.logship.schema.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Encodes one logback event as one Datadog JSON line into a {@link RecordBuffer}, with Jackson's streaming generator
 * (one generator reused for every record, no intermediate String for the line).
 *
 * <p>The line is a JSON object with Datadog's standard attributes, then the event's key/values at top level, then
 * {@code \n}:
 * <pre>
 * {"message":"...","timestamp":"2026-11-25T01:39:58.123Z","status":"info",
 *  "logger":{"name":"app.Worker","thread_name":"main"},
 *  "error":{"kind":"java.io.IOException","message":"boom","stack":"java.io.IOException: boom\n\tat ..."},
 *  "service":"api","host":"web-1","ddsource":"java","ddtags":"env:prod,version:1.2",
 *  "user":"jd","attempt":2}
 * </pre>
 * {@code logger.*} and {@code error.*} are nested objects, which is how Datadog reads its dotted standard
 * attributes. {@code error} appears only with an exception; {@code service}, {@code host} and {@code ddtags} only when
 * known. Non-ASCII text is written as UTF-8, not escaped; an unpaired UTF-16 surrogate becomes U+FFFD, so every line
 * is valid UTF-8.
 *
 * <p><b>Colliding keys.</b> A user key equal to a reserved name ({@link #RESERVED_FIELDS}: every field above, in
 * both the nested and the dotted spelling) is kept under {@value #COLLISION_PREFIX}{@code <key>} (for example
 * {@code kv.status}); if that name is taken too, the prefix is repeated. Nothing is dropped or overwritten.
 *
 * <p><b>Values</b> render as in the JSON output ({@link JsonValueWriter}: natives, dates as ISO-8601, byte[] as
 * base64, collections, maps and records as JSON, anything else as its {@code toString()}); if a structured value
 * throws while rendered, the record is written again with such values as text. Values are rendered on the writer
 * thread, after the logging call returned: log immutable values.
 *
 * <p>Not thread-safe: one instance per writer thread. If {@link #encode} throws, the generator is rebuilt and the
 * caller must {@link RecordBuffer#truncate} the buffer back to where the record started.
 */
public final class DatadogJsonEncoder {

    /** The formatted log message. */
    public static final String FIELD_MESSAGE = ReservedAttributes.MESSAGE;
    /** ISO-8601 UTC time of the event with milliseconds. */
    public static final String FIELD_TIMESTAMP = ReservedAttributes.TIMESTAMP;
    /** The level in the status vocabulary shared with the agent ({@link Status}): debug, info, warn, error. */
    public static final String FIELD_STATUS = ReservedAttributes.STATUS;
    /** Object holding {@link #FIELD_LOGGER_NAME} and {@link #FIELD_THREAD_NAME}. */
    public static final String FIELD_LOGGER = ReservedAttributes.LOGGER;
    /** Inside {@link #FIELD_LOGGER}: the logger's name (Datadog {@code logger.name}). */
    public static final String FIELD_LOGGER_NAME = child(ReservedAttributes.LOGGER_NAME);
    /** Inside {@link #FIELD_LOGGER}: the logging thread's name (Datadog {@code logger.thread_name}). */
    public static final String FIELD_THREAD_NAME = child(ReservedAttributes.LOGGER_THREAD_NAME);
    /** Object holding {@link #FIELD_ERROR_KIND}, {@link #FIELD_ERROR_MESSAGE}, {@link #FIELD_ERROR_STACK}. */
    public static final String FIELD_ERROR = ReservedAttributes.ERROR;
    /** Inside {@link #FIELD_ERROR}: the exception's class name (Datadog {@code error.kind}). */
    public static final String FIELD_ERROR_KIND = child(ReservedAttributes.ERROR_KIND);
    /** Inside {@link #FIELD_ERROR}: the exception's message (Datadog {@code error.message}). */
    public static final String FIELD_ERROR_MESSAGE = child(ReservedAttributes.ERROR_MESSAGE);
    /** Inside {@link #FIELD_ERROR}: the full stack trace, causes and suppressed included (Datadog {@code error.stack}). */
    public static final String FIELD_ERROR_STACK = child(ReservedAttributes.ERROR_STACK);
    /** The service name ({@code DD_SERVICE}). */
    public static final String FIELD_SERVICE = ReservedAttributes.SERVICE;
    /** The host name ({@code DD_HOSTNAME}, else the machine's). */
    public static final String FIELD_HOST = ReservedAttributes.HOST;
    /** The log source, {@code java} by default. */
    public static final String FIELD_SOURCE = ReservedAttributes.DDSOURCE;
    /** Comma-separated {@code key:value} tags ({@code DD_TAGS}, {@code env:}, {@code version:}). */
    public static final String FIELD_TAGS = ReservedAttributes.DDTAGS;
    /** Object on the drop warning record holding the drop counters. */
    public static final String FIELD_LOGSHIP = "logship";

    /** Prefix that keeps a user key colliding with a reserved name: {@value}. */
    public static final String COLLISION_PREFIX = "kv.";

    /** Names a user key may not take as is (both the nested and the dotted Datadog spelling). */
    public static final Set<String> RESERVED_FIELDS = Set.of(
            FIELD_MESSAGE,
            FIELD_TIMESTAMP,
            FIELD_STATUS,
            FIELD_LOGGER,
            ReservedAttributes.LOGGER_NAME,
            ReservedAttributes.LOGGER_THREAD_NAME,
            FIELD_ERROR,
            ReservedAttributes.ERROR_KIND,
            ReservedAttributes.ERROR_MESSAGE,
            ReservedAttributes.ERROR_STACK,
            FIELD_SERVICE,
            FIELD_HOST,
            FIELD_SOURCE,
            FIELD_TAGS,
            FIELD_LOGSHIP);

    /** Appended to a message or stack cut short to fit a datagram: {@value}. */
    public static final String TRUNCATION_MARK = "...[truncated]";

    /** Size of the reused char buffer strings are copied into before writing: {@value}. */
    static final int DEFAULT_CHARS = 1024;
    /** A char buffer grown past this many chars by a huge string is dropped after use: {@value}. */
    static final int MAX_RETAINED_CHARS = 64 * 1024;

    /**
     * Size estimate of a record's fixed fields (names, timestamp, logger and thread names, punctuation, static
     * fields), in bytes: {@value}.
     */
    static final int ESTIMATE_OVERHEAD_BYTES = 256;
    /** Size estimate of a key/value whose value is not a string, in bytes: {@value}. */
    static final int ESTIMATE_VALUE_BYTES = 16;
    /** Size estimate of one stack frame line, in bytes: {@value}. */
    static final int ESTIMATE_FRAME_BYTES = 80;

    private static final SerializedString NAME_MESSAGE = new SerializedString(FIELD_MESSAGE);
    private static final SerializedString NAME_TIMESTAMP = new SerializedString(FIELD_TIMESTAMP);
    private static final SerializedString NAME_STATUS = new SerializedString(FIELD_STATUS);
    private static final SerializedString NAME_LOGGER = new SerializedString(FIELD_LOGGER);
    private static final SerializedString NAME_LOGGER_NAME = new SerializedString(FIELD_LOGGER_NAME);
    private static final SerializedString NAME_THREAD_NAME = new SerializedString(FIELD_THREAD_NAME);
    private static final SerializedString NAME_ERROR = new SerializedString(FIELD_ERROR);
    private static final SerializedString NAME_ERROR_KIND = new SerializedString(FIELD_ERROR_KIND);
    private static final SerializedString NAME_ERROR_MESSAGE = new SerializedString(FIELD_ERROR_MESSAGE);
    private static final SerializedString NAME_ERROR_STACK = new SerializedString(FIELD_ERROR_STACK);
    private static final SerializedString NAME_SERVICE = new SerializedString(FIELD_SERVICE);
    private static final SerializedString NAME_HOST = new SerializedString(FIELD_HOST);
    private static final SerializedString NAME_SOURCE = new SerializedString(FIELD_SOURCE);
    private static final SerializedString NAME_TAGS = new SerializedString(FIELD_TAGS);
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

    private final RecordBuffer out;
    private final SerializedString service;
    private final SerializedString host;
    private final SerializedString source;
    private final SerializedString tags;
    private final UtcMillisClock clock = new UtcMillisClock();
    private JsonGenerator generator;
    private char[] chars = new char[DEFAULT_CHARS];

    /**
     * @param out where lines are written
     * @param service {@code service}, or null/empty to leave it out
     * @param host {@code host}, or null/empty to leave it out
     * @param source {@code ddsource}, or null/empty to leave it out
     * @param tags {@code ddtags}, or null/empty to leave it out
     */
    public DatadogJsonEncoder(RecordBuffer out, String service, String host, String source, String tags) {
        this.out = out;
        this.service = serialized(service);
        this.host = serialized(host);
        this.source = serialized(source);
        this.tags = serialized(tags);
        this.generator = newGenerator();
    }

    private static SerializedString serialized(String s) {
        return s == null || s.isEmpty() ? null : new SerializedString(s);
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // RecordBuffer never throws
        }
    }

    /**
     * Appends one {@code \n}-terminated JSON line for {@code event}.
     *
     * @param maxTextChars the most chars of the message and of the stack trace to write (longer ones are cut and
     *     end with {@link #TRUNCATION_MARK}); {@link Integer#MAX_VALUE} for no limit
     */
    public void encode(ILoggingEvent event, int maxTextChars) throws IOException {
        int start = out.size();
        try {
            write(event, maxTextChars, false);
        } catch (RuntimeException e) {
            // A structured value failed to render (a map changed while iterated, a record accessor threw): write the
            // record again with every structured value as its text, as the JSON encoder does, rather than lose it.
            out.truncate(start);
            write(event, maxTextChars, true);
        }
    }

    private void write(ILoggingEvent event, int maxTextChars, boolean textOnlyValues) throws IOException {
        try {
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeFieldName(NAME_MESSAGE);
            writeText(g, cut(event.getFormattedMessage(), maxTextChars));
            writeCommonFields(
                    g, event.getTimeStamp(), status(event.getLevel()), event.getLoggerName(), event.getThreadName());
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                g.writeFieldName(NAME_ERROR);
                g.writeStartObject();
                g.writeFieldName(NAME_ERROR_KIND);
                g.writeString(error.getClassName());
                g.writeFieldName(NAME_ERROR_MESSAGE);
                writeText(g, error.getMessage());
                g.writeFieldName(NAME_ERROR_STACK);
                writeText(g, cut(ThrowableProxyUtil.asString(error), maxTextChars));
                g.writeEndObject();
            }
            writeStaticFields(g);
            writeKeyValues(g, KeyValues.of(event), textOnlyValues);
            endRecord(g);
        } catch (IOException | RuntimeException e) {
            generator = newGenerator(); // the old one holds a half-written record
            throw e;
        }
    }

    /**
     * Appends the warning record that reports drops, with the counters under {@value #FIELD_LOGSHIP}.
     *
     * @param droppedSinceLastReport records dropped since the previous report
     * @param stats all counters of the output
     */
    public void encodeDropReport(long droppedSinceLastReport, DeliveryStats stats, String loggerName, long epochMillis)
            throws IOException {
        try {
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeFieldName(NAME_MESSAGE);
            g.writeString("logship Datadog output dropped " + droppedSinceLastReport + " records since its last"
                    + " report (" + stats.getDroppedTotal() + " in total; " + stats.dropSummary() + ")");
            writeCommonFields(
                    g,
                    epochMillis,
                    STATUS_WARN,
                    loggerName,
                    Thread.currentThread().getName());
            writeStaticFields(g);
            g.writeObjectFieldStart(FIELD_LOGSHIP);
            g.writeNumberField("dropped", droppedSinceLastReport);
            g.writeNumberField("dropped_total", stats.getDroppedTotal());
            for (DeliveryStats.DropReason r : DeliveryStats.DropReason.values()) {
                g.writeNumberField("dropped_" + r.name().toLowerCase(java.util.Locale.ROOT), stats.getDropped(r));
            }
            g.writeEndObject();
            endRecord(g);
        } catch (IOException | RuntimeException e) {
            generator = newGenerator();
            throw e;
        }
    }

    private void writeCommonFields(
            JsonGenerator g, long epochMillis, SerializableString status, String loggerName, String threadName)
            throws IOException {
        g.writeFieldName(NAME_TIMESTAMP);
        g.writeString(clock.format(epochMillis), 0, UtcMillisClock.LENGTH);
        g.writeFieldName(NAME_STATUS);
        g.writeString(status);
        g.writeFieldName(NAME_LOGGER);
        g.writeStartObject();
        g.writeFieldName(NAME_LOGGER_NAME);
        writeText(g, loggerName);
        g.writeFieldName(NAME_THREAD_NAME);
        writeText(g, threadName);
        g.writeEndObject();
    }

    /**
     * Writes a string through a reused char[]: Jackson's {@code writeString(char[], ...)} loop measured about 35 %
     * faster per record than its {@code writeString(String)} path (which reads the text with charAt).
     */
    private void writeText(JsonGenerator g, String s) throws IOException {
        if (s == null) {
            g.writeNull();
            return;
        }
        int n = s.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        s.getChars(0, n, chars, 0);
        replaceLoneSurrogates(chars, n);
        g.writeString(chars, 0, n);
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[DEFAULT_CHARS]; // give a huge message's buffer back
        }
    }

    /**
     * Replaces each unpaired UTF-16 surrogate with U+FFFD, in place, so that the line is valid UTF-8 (Jackson would
     * otherwise fail the record or write invalid bytes).
     */
    static void replaceLoneSurrogates(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                    i++; // a valid pair
                } else {
                    text[i] = '\uFFFD';
                }
            }
        }
    }

    /** {@code key} with unpaired surrogates replaced by U+FFFD; the same instance when there are none. */
    static String wellFormed(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (Character.isSurrogate(key.charAt(i))) {
                char[] text = key.toCharArray();
                replaceLoneSurrogates(text, text.length);
                return new String(text);
            }
        }
        return key;
    }

    private void writeStaticFields(JsonGenerator g) throws IOException {
        writeIfSet(g, NAME_SERVICE, service);
        writeIfSet(g, NAME_HOST, host);
        writeIfSet(g, NAME_SOURCE, source);
        writeIfSet(g, NAME_TAGS, tags);
    }

    private static void writeIfSet(JsonGenerator g, SerializableString name, SerializableString value)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static void endRecord(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private void writeKeyValues(JsonGenerator g, List<KeyValuePair> pairs, boolean textOnlyValues) throws IOException {
        if (pairs == null) {
            return;
        }
        int n = pairs.size();
        for (int i = 0; i < n; i++) {
            KeyValuePair kv = pairs.get(i);
            String key = kv.key;
            g.writeFieldName(wellFormed(RESERVED_FIELDS.contains(key) ? escapedKey(key, pairs) : key));
            JsonValueWriter.write(g, kv.value, textOnlyValues);
        }
    }

    /** The name a colliding key is kept under: the prefix, repeated until no reserved or user key has that name. */
    static String escapedKey(String key, List<KeyValuePair> pairs) {
        String candidate = COLLISION_PREFIX + key;
        while (RESERVED_FIELDS.contains(candidate) || hasKey(pairs, candidate)) {
            candidate = COLLISION_PREFIX + candidate;
        }
        return candidate;
    }

    private static boolean hasKey(List<KeyValuePair> pairs, String key) {
        for (KeyValuePair kv : pairs) {
            if (key.equals(kv.key)) {
                return true;
            }
        }
        return false;
    }

    private static SerializedString statusName(Level level) {
        return new SerializedString(Status.ofLevelName(level.levelStr).wireName());
    }

    /** The part after the dot of a dotted attribute name: {@code error.kind} is {@code kind} in {@code error}. */
    private static String child(String dotted) {
        return dotted.substring(dotted.indexOf('.') + 1);
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

    private static String cut(String s, int maxChars) {
        if (s == null || s.length() <= maxChars) {
            return s;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair into invalid UTF-16
        }
        return s.substring(0, end) + TRUNCATION_MARK;
    }

    /**
     * A cheap estimate of the encoded size of {@code event} in bytes, computed on the application thread to bound the
     * queue by bytes: a fixed overhead plus the chars of the message, names, string values and stack frames. It
     * assumes about one byte per char, so mostly non-ASCII text is under-estimated (up to 3x).
     */
    public static int estimateBytes(ILoggingEvent event) {
        // Logger and thread names are short and covered by the overhead; reading them costs time on the app thread.
        long n = ESTIMATE_OVERHEAD_BYTES + length(event.getFormattedMessage());
        // The raw sources KeyValues merges, without merging them: duplicates only over-estimate.
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (int i = 0, size = pairs.size(); i < size; i++) {
                n += estimate(pairs.get(i));
            }
        }
        Object[] args = event.getArgumentArray();
        if (args != null) {
            for (Object arg : args) {
                if (arg instanceof KeyValuePair kv) {
                    n += estimate(kv);
                }
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            n += (long) mdc.size() * 2 * ESTIMATE_VALUE_BYTES;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            n += ESTIMATE_OVERHEAD_BYTES
                    + length(t.getClassName())
                    + length(t.getMessage())
                    + (long) ESTIMATE_FRAME_BYTES * t.getStackTraceElementProxyArray().length;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static long estimate(KeyValuePair kv) {
        Object v = kv.value;
        long value = v instanceof String s
                ? s.length() // the common case first: a class check, not an interface one
                : v instanceof CharSequence cs ? cs.length() : ESTIMATE_VALUE_BYTES;
        return 4 + length(kv.key) + value;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
