package io.logship.agent.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import io.netty.buffer.ByteBuf;
import io.logship.agent.frame.LineSplitter;
import java.util.Objects;
import java.util.function.Consumer;
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
 *   <li>An object nested deeper than {@value JsonObjectScanner#MAX_NESTING_DEPTH} levels becomes a text
 *       {@code message} (reported to {@code onTooDeep}), since the intake would refuse the whole batch.</li>
 *   <li>Size limits apply to the bytes that will be sent: a record over {@code maxRecordBytes} (escaping included:
 *       a control character is 6 bytes escaped) is re-encoded as text chunks marked {@code ...TRUNCATED...}, each
 *       within the limit (reported to {@code onOversize}).</li>
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

    /** The reserved bits of a text line's record: it has {@code message}, and so a field before the tail. */
    private static final int TEXT = ReservedKeys.MESSAGE | ReservedKeys.ANY_FIELD;

    private final SourceFields fields;
    private final LongSupplier clockMillis;
    private final JsonObjectScanner scanner;
    private final int maxRecordBytes;
    private final Runnable onTooDeep;
    private final Runnable onOversize;
    /** The line being enriched (valid UTF-8), set by {@link #prepare}. */
    private byte[] bytes;
    private int off;
    private int len;
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
        this(fields, clockMillis, jsonFactory, Integer.MAX_VALUE, null, null);
    }

    /**
     * @param fields the constant fields of this record's source
     * @param clockMillis the ingestion clock, epoch milliseconds
     * @param jsonFactory the factory of the reused parser (shared, thread-safe)
     * @param maxRecordBytes the largest record {@link #enrich(ByteBuf, ByteBuf, Consumer)} hands on; a longer one
     *     is chunked
     * @param onTooDeep called for each JSON object line nested deeper than {@value JsonObjectScanner#MAX_NESTING_DEPTH}
     *     (it becomes a text message), or null
     * @param onOversize called for each line whose record exceeded {@code maxRecordBytes} (it was chunked), or null
     */
    public Enricher(SourceFields fields, LongSupplier clockMillis, JsonFactory jsonFactory, int maxRecordBytes,
                    Runnable onTooDeep, Runnable onOversize) {
        this.maxRecordBytes = maxRecordBytes;
        this.onTooDeep = onTooDeep;
        this.onOversize = onOversize;
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
     * Appends the record for {@code line} to {@code out}, whatever its size (see {@link #enrich(ByteBuf, ByteBuf,
     * Consumer)} for the limited form).
     *
     * @param line the line's bytes (readable region); not released, its indexes are not moved
     * @param out receives exactly one JSON object
     */
    public void enrich(ByteBuf line, ByteBuf out) {
        prepare(line, true);
        int present = classify();
        buildTail(present == JsonObjectScanner.NOT_AN_OBJECT ? TEXT : present);
        if (present == JsonObjectScanner.NOT_AN_OBJECT) {
            writeMessageRecord(bytes, off, len, out);
        } else {
            spliceObject(bytes, off, len, out);
        }
        bytes = null;
    }

    /**
     * Writes the record(s) for {@code line} into {@code scratch} one at a time and hands each to {@code records}
     * (which copies it; {@code scratch} is cleared after each). A record whose bytes, as they will be sent (escaping
     * included), exceed {@code maxRecordBytes} of the constructor is re-encoded as text chunks marked
     * {@code ...TRUNCATED...} like the framer's, each within the limit: the line is never dropped.
     *
     * @return the number of records handed on (1 unless the line was chunked)
     */
    public int enrich(ByteBuf line, ByteBuf scratch, Consumer<ByteBuf> records) {
        prepare(line, true);
        try {
            int present = classify();
            if (present != JsonObjectScanner.NOT_AN_OBJECT) {
                buildTail(present);
                if (len + tailLength <= maxRecordBytes) {
                    spliceObject(bytes, off, len, scratch);
                    hand(scratch, records);
                    return 1;
                }
            } else {
                buildTail(TEXT);
                long fixed = MESSAGE_OPEN.length + 1L + tailLength;
                if (fixed + 6L * len <= maxRecordBytes
                        || fixed + JsonEscaper.escapedLength(bytes, off, len) <= maxRecordBytes) {
                    writeMessageRecord(bytes, off, len, scratch);
                    hand(scratch, records);
                    return 1;
                }
            }
            if (onOversize != null) onOversize.run();
            return writeChunks(scratch, records);
        } finally {
            bytes = null;
        }
    }

    private static void hand(ByteBuf record, Consumer<ByteBuf> records) {
        try {
            records.accept(record);
        } finally {
            record.clear();
        }
    }

    /**
     * The line (already in {@link #bytes}) as text chunks, each record at most {@link #maxRecordBytes}: a leading
     * and a trailing {@code ...TRUNCATED...} of a framer chunk are kept as markers, not cut through.
     */
    private int writeChunks(ByteBuf scratch, Consumer<ByteBuf> records) {
        byte[] flag = LineSplitter.TRUNCATED_FLAG;
        buildTail(TEXT);
        // The tail is rebuilt per chunk (its timestamp may grow by a digit or so): leave room for its largest form.
        long budget = maxRecordBytes - MESSAGE_OPEN.length - 1L - tail.length - 2L * flag.length;
        if (budget < 6) { // not even one character fits: send it whole, the batcher counts it as too large
            writeMessageRecord(bytes, off, len, scratch);
            hand(scratch, records);
            return 1;
        }
        int start = off;
        int end = off + len;
        boolean leading = startsWith(bytes, start, end, flag);
        if (leading) start += flag.length;
        boolean trailing = end - start >= flag.length && startsWith(bytes, end - flag.length, end, flag);
        if (trailing) end -= flag.length;
        int n = 0;
        int pos = start;
        while (true) {
            int cut = JsonEscaper.fittingEnd(bytes, pos, end, budget);
            boolean last = cut >= end;
            scratch.writeBytes(MESSAGE_OPEN);
            if (leading || n > 0) scratch.writeBytes(flag);
            JsonEscaper.writeEscaped(bytes, pos, cut - pos, scratch);
            if (!last || trailing) scratch.writeBytes(flag);
            scratch.writeByte('"');
            buildTail(TEXT);
            scratch.writeBytes(tail, 0, tailLength);
            hand(scratch, records);
            n++;
            if (last) return n;
            pos = cut;
        }
    }

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[from + i] != prefix[i]) return false;
        return true;
    }

    /** Points {@link #bytes}/{@link #off}/{@link #len} at the line's valid UTF-8 bytes (repaired if needed). */
    private void prepare(ByteBuf line, boolean count) {
        len = line.readableBytes();
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
            if (count) repairedLines++;
        }
    }

    /** The line's reserved-key bits if it is one JSON object within the nesting limit, else NOT_AN_OBJECT. */
    private int classify() {
        if (!looksLikeObject(bytes, off, len)) return JsonObjectScanner.NOT_AN_OBJECT;
        int present = scanner.scan(bytes, off, len);
        if (present == JsonObjectScanner.TOO_DEEP) {
            if (onTooDeep != null) onTooDeep.run();
            return JsonObjectScanner.NOT_AN_OBJECT;
        }
        return present;
    }

    private void writeMessageRecord(byte[] bytes, int off, int len, ByteBuf out) {
        out.writeBytes(MESSAGE_OPEN);
        JsonEscaper.writeEscaped(bytes, off, len, out);
        out.writeByte('"');
        out.writeBytes(tail, 0, tailLength);
    }

    private void spliceObject(byte[] bytes, int off, int len, ByteBuf out) {
        int closing = off + len - 1;
        while (bytes[closing] != '}') closing--; // trailing whitespace was accepted by the parser
        out.writeBytes(bytes, off, closing - off);
        out.writeBytes(tail, 0, tailLength);
    }

    /**
     * Assembles in {@link #tail} each enrichment member whose bit is not in {@code present}, comma-separated as
     * needed, then the closing brace, so {@code out} gets one write (its bounds and reference-count checks were
     * 25 % of the event loops' samples when each member was its own write).
     */
    private void buildTail(int present) {
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
