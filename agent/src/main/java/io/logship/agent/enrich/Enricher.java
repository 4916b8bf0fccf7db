package io.logship.agent.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns one line into one intake record (a JSON object), in bytes.
 *
 * <ul>
 *   <li>A line that is exactly one JSON object is kept byte for byte: its keys stay at the top level, and each
 *       reserved field it lacks is spliced in before its closing {@code }}. Values in the record win.</li>
 *   <li>Any other line (text, a JSON array or scalar, broken JSON) becomes the escaped {@code message} of a new
 *       object.</li>
 *   <li>Added when absent: {@code status} ({@value #DEFAULT_STATUS}), {@code timestamp} (ingestion time, epoch
 *       milliseconds, from the clock), {@code hostname}, {@code service}, {@code ddsource}, {@code ddtags} (from
 *       {@link SourceFields}; empty ones are not added).</li>
 *   <li>Invalid UTF-8 is replaced by U+FFFD first (see {@link Utf8}); the line is never dropped.</li>
 * </ul>
 *
 * <p>Cost: one validation pass, one Jackson token pass (only for lines that look like an object) and a copy; no
 * {@code String} per record (the splice is about 2x cheaper than re-encoding, see performance-facts.md).
 *
 * <p>Ownership: {@link #enrich} reads the line without releasing it and appends to {@code out}.
 *
 * <p>Not thread-safe: it reuses a parser and scratch arrays. Use one per event loop and source.
 */
public final class Enricher {
    /** The {@code status} a record gets when it has none: {@value}, as the Datadog Agent's TCP source. */
    public static final String DEFAULT_STATUS = "info";

    private static final byte[] MESSAGE_OPEN = bytes("{\"message\":\"");
    private static final byte[] STATUS = SourceFields.member("status", DEFAULT_STATUS);
    private static final byte[] TIMESTAMP = bytes("\"timestamp\":");

    private final SourceFields fields;
    private final LongSupplier clockMillis;
    private final JsonObjectScanner scanner;
    private byte[] copy = new byte[1024];
    private byte[] repaired = new byte[0];
    private final byte[] digits = new byte[20];
    private long repairedLines;

    /**
     * @param fields the constant fields of this record's source
     * @param clockMillis the ingestion clock, epoch milliseconds (e.g. {@code System::currentTimeMillis})
     * @param jsonFactory the factory of the reused parser (shared, thread-safe)
     */
    public Enricher(SourceFields fields, LongSupplier clockMillis, JsonFactory jsonFactory) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.scanner = new JsonObjectScanner(jsonFactory);
    }

    /** Lines whose invalid UTF-8 was replaced, since start. Read from the owning thread. */
    public long repairedLines() {
        return repairedLines;
    }

    /**
     * Appends the record for {@code line} to {@code out}.
     *
     * @param line the line's bytes (readable region); not released, its indexes are not moved
     * @param out receives exactly one JSON object
     */
    public void enrich(ByteBuf line, ByteBuf out) {
        int len = line.readableBytes();
        byte[] bytes;
        int off;
        if (line.hasArray()) {
            bytes = line.array();
            off = line.arrayOffset() + line.readerIndex();
        } else {
            if (copy.length < len) copy = new byte[Math.max(len, copy.length * 2)];
            line.getBytes(line.readerIndex(), copy, 0, len);
            bytes = copy;
            off = 0;
        }
        if (!Utf8.isValid(bytes, off, len)) {
            if (repaired.length < Utf8.maxRepairedLength(len)) repaired = new byte[Utf8.maxRepairedLength(len)];
            len = Utf8.repair(bytes, off, len, repaired);
            bytes = repaired;
            off = 0;
            repairedLines++;
        }
        int present = looksLikeObject(bytes, off, len)
                ? scanner.scan(bytes, off, len)
                : JsonObjectScanner.NOT_AN_OBJECT;
        if (present == JsonObjectScanner.NOT_AN_OBJECT) {
            writeMessageRecord(bytes, off, len, out);
        } else {
            spliceObject(bytes, off, len, present, out);
        }
    }

    private void writeMessageRecord(byte[] bytes, int off, int len, ByteBuf out) {
        out.writeBytes(MESSAGE_OPEN);
        JsonEscaper.writeEscaped(bytes, off, len, out);
        out.writeByte('"');
        writeMissing(ReservedKeys.MESSAGE | ReservedKeys.ANY_FIELD, out);
        out.writeByte('}');
    }

    private void spliceObject(byte[] bytes, int off, int len, int present, ByteBuf out) {
        int closing = off + len - 1;
        while (bytes[closing] != '}') closing--; // trailing whitespace was accepted by the parser
        out.writeBytes(bytes, off, closing - off);
        writeMissing(present, out);
        out.writeByte('}');
    }

    /** Writes each enrichment member whose bit is not in {@code present}, comma-separated as needed. */
    private void writeMissing(int present, ByteBuf out) {
        boolean comma = (present & ReservedKeys.ANY_FIELD) != 0;
        comma = member(present, ReservedKeys.STATUS, STATUS, comma, out);
        if ((present & ReservedKeys.TIMESTAMP) == 0) {
            if (comma) out.writeByte(',');
            out.writeBytes(TIMESTAMP);
            writeLong(clockMillis.getAsLong(), out);
            comma = true;
        }
        comma = member(present, ReservedKeys.HOSTNAME, fields.hostname(), comma, out);
        comma = member(present, ReservedKeys.SERVICE, fields.service(), comma, out);
        comma = member(present, ReservedKeys.DDSOURCE, fields.ddsource(), comma, out);
        member(present, ReservedKeys.DDTAGS, fields.ddtags(), comma, out);
    }

    private static boolean member(int present, int bit, byte[] member, boolean comma, ByteBuf out) {
        if ((present & bit) != 0 || member == null) return comma;
        if (comma) out.writeByte(',');
        out.writeBytes(member);
        return true;
    }

    private void writeLong(long value, ByteBuf out) {
        if (value < 0) { // not an epoch-millisecond clock, but still valid JSON
            out.writeByte('-');
            value = -value;
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        out.writeBytes(digits, i, digits.length - i);
    }

    private static boolean looksLikeObject(byte[] b, int off, int len) {
        int first = off;
        int last = off + len - 1;
        while (first <= last && isJsonWhitespace(b[first])) first++;
        while (last > first && isJsonWhitespace(b[last])) last--;
        return first < last && b[first] == '{' && b[last] == '}';
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
