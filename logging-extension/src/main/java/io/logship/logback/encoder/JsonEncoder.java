package io.logship.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.logship.schema.ReservedAttributes;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object per line (UTF-8, {@code \n}-terminated), written by the extension's one JSON record writer,
 * {@link JsonRecordWriter}, with {@link LoggerFields#FLAT} names and no static fields:
 *
 * <pre>{@code
 * {"timestamp":"2026-11-25T10:24:04.373Z","status":"error","logger":"myapp","thread":"main",
 *  "message":"Something wrong","request":"r-1","user":"jd",
 *  "error":{"kind":"java.lang.IllegalStateException","message":"boom","stack":"java.lang..."}}
 * }</pre>
 *
 * <p>Fields, reserved keys (kept under {@value #RESERVED_PREFIX}{@code <key>}), value renderings, UTF-8 repair and
 * the failure mode are {@link JsonRecordWriter}'s: the Datadog output writes the same record with Datadog's names.
 * Thread-safe: each thread reuses its own buffer and writer.
 */
public class JsonEncoder extends EncoderBase<ILoggingEvent> {

    public static final String TIMESTAMP = ReservedAttributes.TIMESTAMP;
    public static final String STATUS = ReservedAttributes.STATUS;
    public static final String LOGGER = ReservedAttributes.LOGGER;
    public static final String THREAD = LoggerFields.THREAD;
    public static final String MESSAGE = ReservedAttributes.MESSAGE;
    public static final String ERROR = ReservedAttributes.ERROR;

    /** Prefix given to a user key that collides with a reserved field. */
    public static final String RESERVED_PREFIX = JsonRecordWriter.RESERVED_PREFIX;

    /** First size of a thread's record buffer, in bytes; it grows as needed. */
    public static final int DEFAULT_INITIAL_BUFFER_BYTES = 512;

    /** A thread's buffer grown past this by a record ({@value} bytes) goes back to its first size after it. */
    public static final int MAX_RETAINED_BUFFER_BYTES = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final ThreadLocal<Line> lines = ThreadLocal.withInitial(Line::new);

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
        Line line = lines.get();
        RecordBuffer buffer = line.buffer;
        try {
            line.writer.write(event, JsonRecordWriter.NO_TEXT_LIMIT);
            return buffer.copy(0, buffer.size());
        } catch (IOException e) {
            // Cannot happen with an in-memory buffer; report instead of throwing into the appender.
            addError("could not encode event as JSON", e);
            return EMPTY;
        } finally {
            if (buffer.size() > MAX_RETAINED_BUFFER_BYTES) {
                buffer.reset();
                buffer.shrink(); // a huge record's buffer is given back; ordinary ones keep theirs
            }
            buffer.reset();
        }
    }

    /** A thread's reusable buffer and the writer appending into it (one record at a time). */
    private static final class Line {
        final RecordBuffer buffer = new RecordBuffer(DEFAULT_INITIAL_BUFFER_BYTES);
        final JsonRecordWriter writer = new JsonRecordWriter(buffer, LoggerFields.FLAT, Map.of(), Set.of());
    }
}
