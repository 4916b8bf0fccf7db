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
 * <p>Cost: one validation pass, one byte-level object check (Jackson only for what it defers, see
 * {@link FastJsonScanner}; only for lines that look like an object) and a copy; no
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
    /** The spliced members and the closing brace, assembled here so {@code out} gets one write, not ten. */
    private final byte[] tail;
    private int tailLength;
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
        this.tail = new byte[16 + STATUS.length + TIMESTAMP.length + 20 + length(fields.hostname())
                + length(fields.service()) + length(fields.ddsource()) + length(fields.ddtags())];
    }

    private static int length(byte[] member) {
        return member == null ? 0 : member.length;
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
        writeMissingAndClose(ReservedKeys.MESSAGE | ReservedKeys.ANY_FIELD, out);
    }

    private void spliceObject(byte[] bytes, int off, int len, int present, ByteBuf out) {
        int closing = off + len - 1;
        while (bytes[closing] != '}') closing--; // trailing whitespace was accepted by the parser
        out.writeBytes(bytes, off, closing - off);
        writeMissingAndClose(present, out);
    }

    /**
     * Writes each enrichment member whose bit is not in {@code present}, comma-separated as needed, then the
     * closing brace: assembled in {@link #tail} first, so {@code out} gets one write (its bounds and
     * reference-count checks were 25 % of the event loops' samples when each member was its own write).
     */
    private void writeMissingAndClose(int present, ByteBuf out) {
        tailLength = 0;
        boolean comma = (present & ReservedKeys.ANY_FIELD) != 0;
        comma = member(present, ReservedKeys.STATUS, STATUS, comma);
        if ((present & ReservedKeys.TIMESTAMP) == 0) {
            if (comma) tail[tailLength++] = ',';
            put(TIMESTAMP);
            putLong(clockMillis.getAsLong());
            comma = true;
        }
        comma = member(present, ReservedKeys.HOSTNAME, fields.hostname(), comma);
        comma = member(present, ReservedKeys.SERVICE, fields.service(), comma);
        comma = member(present, ReservedKeys.DDSOURCE, fields.ddsource(), comma);
        member(present, ReservedKeys.DDTAGS, fields.ddtags(), comma);
        tail[tailLength++] = '}';
        out.writeBytes(tail, 0, tailLength);
    }

    private boolean member(int present, int bit, byte[] member, boolean comma) {
        if ((present & bit) != 0 || member == null) return comma;
        if (comma) tail[tailLength++] = ',';
        put(member);
        return true;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, tail, tailLength, bytes.length);
        tailLength += bytes.length;
    }

    private void putLong(long value) {
        if (value < 0) { // not an epoch-millisecond clock, but still valid JSON
            tail[tailLength++] = '-';
            value = -value;
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        System.arraycopy(digits, i, tail, tailLength, digits.length - i);
        tailLength += digits.length - i;
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
