package io.logship.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.logship.logback.context.KeyValues;
import io.logship.schema.ReservedAttributes;
import io.logship.schema.Status;
import java.io.IOException;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line (UTF-8, {@code \n}-terminated), written with Jackson's streaming generator:
 *
 * <pre>{@code
 * {"timestamp":"2026-11-25T10:24:04.373Z","status":"error","logger":"myapp","thread":"main",
 *  "message":"Something wrong","request":"r-1","user":"jd",
 *  "error":{"kind":"java.lang.IllegalStateException","message":"boom","stack":"java.lang..."}}
 * }</pre>
 *
 * <p>Fields: {@value #TIMESTAMP} (ISO-8601 UTC, millis), {@value #STATUS} (the level in Datadog's status vocabulary
 * shared with the agent, {@link Status}: TRACE is {@code debug}), {@value #LOGGER},
 * {@value #THREAD}, {@value #MESSAGE}, then every {@link KeyValues} pair at top level in merged order (values as in
 * {@link JsonValueWriter}), then {@value #ERROR} when there is a throwable: {@code kind} (class name), {@code message}
 * (omitted when null) and {@code stack} (the full trace with causes and suppressed exceptions) — Datadog's standard
 * {@code error.*} attributes.
 *
 * <p><b>Reserved keys:</b> a pair whose key is one of the fields above is kept under the key prefixed with {@value
 * #RESERVED_PREFIX} ({@code "message"} becomes {@code "kv.message"}; prefixed again while that collides too; not {@code @},
 * which is Datadog's attribute prefix in search, and the same rule as the Datadog output), never
 * dropped and never overwriting the record's own field.
 *
 * <p>Unpaired UTF-16 surrogates are written as U+FFFD, so every record is valid UTF-8.
 *
 * <p>Failure mode: if rendering a value throws (a Map modified while iterated, a record accessor failing), the whole
 * record is written again with every non-scalar value as its text; the record is never lost. Thread-safe: each thread
 * reuses its own buffer and generator.
 */
public class JsonEncoder extends EncoderBase<ILoggingEvent> {

    public static final String TIMESTAMP = ReservedAttributes.TIMESTAMP;
    public static final String STATUS = ReservedAttributes.STATUS;
    public static final String LOGGER = ReservedAttributes.LOGGER;
    public static final String THREAD = "thread";
    public static final String MESSAGE = ReservedAttributes.MESSAGE;
    public static final String ERROR = ReservedAttributes.ERROR;
    private static final String ERROR_KIND = ReservedAttributes.ERROR_KIND.substring(ERROR.length() + 1);
    private static final String ERROR_MESSAGE = ReservedAttributes.ERROR_MESSAGE.substring(ERROR.length() + 1);
    private static final String ERROR_STACK = ReservedAttributes.ERROR_STACK.substring(ERROR.length() + 1);
    /** The status of each logback level, from the vocabulary the agent uses too (TRACE is Datadog's debug). */
    private static final String STATUS_TRACE = Status.ofLevelName("TRACE").wireName();

    private static final String STATUS_DEBUG = Status.ofLevelName("DEBUG").wireName();
    private static final String STATUS_INFO = Status.ofLevelName("INFO").wireName();
    private static final String STATUS_WARN = Status.ofLevelName("WARN").wireName();
    private static final String STATUS_ERROR = Status.ofLevelName("ERROR").wireName();

    /** Prefix given to a user key that collides with a reserved field. */
    public static final String RESERVED_PREFIX = "kv.";

    /** First size of a record's buffer, in bytes; it grows as needed. */
    public static final int DEFAULT_INITIAL_BUFFER_BYTES = 512;

    private static final byte[] EMPTY = new byte[0];

    private final JsonFactory factory = JsonFactory.builder().build();
    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);
    private final IsoTimestamp timestamps = new IsoTimestamp();

    @Override
    public byte[] headerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] footerBytes() {
        return EMPTY;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        try {
            return encode(event, false);
        } catch (IOException | RuntimeException e) {
            try {
                return encode(event, true);
            } catch (IOException second) {
                // Cannot happen with an in-memory buffer; report instead of throwing into the appender.
                addError("could not encode event as JSON", second);
                return EMPTY;
            }
        }
    }

    private byte[] encode(ILoggingEvent event, boolean textOnly) throws IOException {
        Writer writer = writers.get();
        try {
            JsonGenerator g = writer.generator;
            writeObject(g, event, textOnly);
            g.flush();
            writer.buffer.write('\n');
            return writer.buffer.toByteArray();
        } catch (IOException | RuntimeException e) {
            writers.remove(); // the generator may be mid-object: never reuse it
            throw e;
        } finally {
            writer.buffer.reset();
        }
    }

    private void writeObject(JsonGenerator g, ILoggingEvent event, boolean textOnly) throws IOException {
        g.writeStartObject();
        g.writeStringField(TIMESTAMP, timestamps.format(event.getTimeStamp()));
        g.writeStringField(STATUS, statusOf(event));
        g.writeStringField(LOGGER, WellFormed.of(event.getLoggerName()));
        g.writeStringField(THREAD, WellFormed.of(event.getThreadName()));
        g.writeStringField(MESSAGE, WellFormed.of(event.getFormattedMessage()));
        List<KeyValuePair> pairs = KeyValues.of(event);
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            g.writeFieldName(WellFormed.of(fieldName(pair.key, pairs)));
            JsonValueWriter.write(g, pair.value, textOnly);
        }
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy != null) {
            g.writeObjectFieldStart(ERROR);
            g.writeStringField(ERROR_KIND, proxy.getClassName());
            if (proxy.getMessage() != null) {
                g.writeStringField(ERROR_MESSAGE, WellFormed.of(proxy.getMessage()));
            }
            g.writeStringField(ERROR_STACK, WellFormed.of(StackTraceText.of(proxy)));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A thread's reusable buffer and the generator writing into it (one record at a time). */
    private final class Writer {
        final ByteArrayBuilder buffer = new ByteArrayBuilder(DEFAULT_INITIAL_BUFFER_BYTES);
        final JsonGenerator generator;

        Writer() {
            try {
                generator = factory.createGenerator(buffer, JsonEncoding.UTF8);
                // No separator between root values: each record is one root value of this reused generator.
                generator.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // an in-memory target does not fail
            }
        }
    }

    private static String statusOf(ILoggingEvent event) {
        switch (event.getLevel().toInt()) {
            case ch.qos.logback.classic.Level.TRACE_INT:
                return STATUS_TRACE;
            case ch.qos.logback.classic.Level.DEBUG_INT:
                return STATUS_DEBUG;
            case ch.qos.logback.classic.Level.INFO_INT:
                return STATUS_INFO;
            case ch.qos.logback.classic.Level.WARN_INT:
                return STATUS_WARN;
            default:
                return STATUS_ERROR;
        }
    }

    static boolean isReserved(String key) {
        switch (key) {
            case TIMESTAMP:
            case STATUS:
            case LOGGER:
            case THREAD:
            case MESSAGE:
            case ERROR:
                return true;
            default:
                return false;
        }
    }

    /** {@code key}, or the key prefixed until it neither is reserved nor names another pair. */
    private static String fieldName(String key, List<KeyValuePair> pairs) {
        if (!isReserved(key)) {
            return key;
        }
        String name = RESERVED_PREFIX + key;
        while (contains(pairs, name)) {
            name = RESERVED_PREFIX + name;
        }
        return name;
    }

    private static boolean contains(List<KeyValuePair> pairs, String key) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).key.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
