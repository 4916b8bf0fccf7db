package io.logship.agent.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import io.logship.agent.frame.LineSplitter;
import io.logship.schema.ReservedAttributes;
import io.logship.schema.Status;
import io.logship.schema.Utf8;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *   <li>The record's own status, message, time, host, service, trace ids and errors are read first, under the names
 *       common loggers use ({@link ReservedAttributes}), and written as Datadog's reserved attributes (see
 *       {@code resolveObject} and, for text lines, {@code buildTextTail}); nothing the record holds is removed.</li>
 *   <li>Added when still absent: {@code status} ({@link #DEFAULT_STATUS}), {@code timestamp} (ingestion time, epoch
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
    /** The {@code status} a record gets when it has none: {@code info}, as the Datadog Agent's TCP source. */
    public static final String DEFAULT_STATUS = Status.DEFAULT.wireName();

    private static final byte[] MESSAGE_OPEN = bytes("{\"message\":\"");
    private static final byte[] STATUS = SourceFields.member(ReservedAttributes.STATUS, DEFAULT_STATUS);
    private static final byte[] TIMESTAMP = bytes("\"timestamp\":");
    private static final byte[] STATUS_NAME = name(ReservedAttributes.STATUS);
    private static final byte[] MESSAGE_NAME = name(ReservedAttributes.MESSAGE);
    private static final byte[] HOSTNAME_NAME = name(ReservedAttributes.HOSTNAME);
    private static final byte[] SERVICE_NAME = name(ReservedAttributes.SERVICE);
    private static final byte[] TRACE_ID_NAME = name(ReservedAttributes.TRACE_ID);
    private static final byte[] SPAN_ID_NAME = name(ReservedAttributes.SPAN_ID);
    private static final byte[] ERROR_KIND_NAME = name(ReservedAttributes.ERROR_KIND);
    private static final byte[] ERROR_MESSAGE_NAME = name(ReservedAttributes.ERROR_MESSAGE);
    private static final byte[] ERROR_STACK_NAME = name(ReservedAttributes.ERROR_STACK);
    private static final byte[] KIND_NAME = name(child(ReservedAttributes.ERROR_KIND));
    private static final byte[] STACK_NAME = name(child(ReservedAttributes.ERROR_STACK));
    private static final byte[] ERROR_OPEN = bytes("\"" + ReservedAttributes.ERROR + "\":{");
    private static final byte[] STATUS_ORIGINAL = name(ReservedAttributes.STATUS + ReservedAttributes.ORIGINAL_SUFFIX);
    private static final byte[] TIMESTAMP_ORIGINAL =
            name(ReservedAttributes.TIMESTAMP + ReservedAttributes.ORIGINAL_SUFFIX);
    private static final byte[] HOSTNAME_ORIGINAL =
            name(ReservedAttributes.HOSTNAME + ReservedAttributes.ORIGINAL_SUFFIX);
    private static final byte[] SERVICE_ORIGINAL =
            name(ReservedAttributes.SERVICE + ReservedAttributes.ORIGINAL_SUFFIX);
    private static final byte[] OUT_OF_RANGE = name(ReservedAttributes.TIMESTAMP_OUT_OF_RANGE);
    private static final byte[] QUOTE = bytes("\"");
    private static final byte[][] STATUS_JSON = new byte[Status.values().length][];
    /** Keys of a plain-text line's leading {@code key=value} tokens (logfmt, Go's slog text handler). */
    private static final byte[][] LEVEL_KEYS = {bytes("level"), bytes("lvl"), bytes("severity")};

    private static final byte[][] TIME_KEYS = {bytes("time"), bytes("ts"), bytes("timestamp")};

    static {
        for (Status s : Status.values()) {
            STATUS_JSON[s.ordinal()] = s.jsonBytes();
        }
    }

    /** The reserved bits of a text line's record: it has {@code message}, and so a field before the tail. */
    private static final int TEXT = ReservedKeys.MESSAGE | ReservedKeys.ANY_FIELD;

    private final SourceFields fields;
    private final LongSupplier clockMillis;
    private final JsonObjectScanner scanner;
    private final TimeParser times = new TimeParser();
    private final int maxRecordBytes;
    private final Runnable onTooDeep;
    private final Runnable onOversize;
    /** The line being enriched (valid UTF-8), set by {@link #prepare}. */
    private byte[] bytes;

    private int off;
    private int len;
    private byte[] copy = new byte[1024];
    private byte[] repaired = new byte[0];
    private final byte[] digits = new byte[21];
    /** The value whose digits are in {@link #digits} from {@link #lastLongStart}. */
    private long lastLong = Long.MIN_VALUE;

    private int lastLongStart = 21;
    /** The spliced members and the closing brace, assembled here so {@code out} gets one write, not ten. */
    private byte[] tail;

    private int tailLength;
    /** The largest tail of a text chunk (defaults only): chunk budgets leave room for it. */
    private final int defaultTailMax;
    /** In-place replacements of a JSON line's own values (at most one per slot, plus the error insertion). */
    private final int[] editStart = new int[8];

    private final int[] editEnd = new int[8];
    private final int[] editFrom = new int[8];
    private final int[] editTo = new int[8];
    private int edits;
    /** The bytes the edits write, one after the other. */
    private byte[] editBytes = new byte[256];

    private int editLength;
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
    public Enricher(
            SourceFields fields,
            LongSupplier clockMillis,
            JsonFactory jsonFactory,
            int maxRecordBytes,
            Runnable onTooDeep,
            Runnable onOversize) {
        this.maxRecordBytes = maxRecordBytes;
        this.onTooDeep = onTooDeep;
        this.onOversize = onOversize;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.scanner = new JsonObjectScanner(jsonFactory);
        this.defaultTailMax = 16
                + STATUS.length
                + TIMESTAMP.length
                + 20
                + length(fields.hostname())
                + length(fields.service())
                + length(fields.ddsource())
                + length(fields.ddtags());
        this.tail = new byte[Math.max(256, defaultTailMax)];
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
        if (present == JsonObjectScanner.NOT_AN_OBJECT) {
            buildTextTail();
            writeMessageRecord(bytes, off, len, out);
        } else {
            resolveObject(present);
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
                resolveObject(present);
                if ((long) len + editDelta() + tailLength <= maxRecordBytes) {
                    spliceObject(bytes, off, len, scratch);
                    hand(scratch, records);
                    return 1;
                }
            } else {
                buildTextTail();
                long fixed = MESSAGE_OPEN.length + 1L + tailLength;
                if (fixed + 6L * len <= maxRecordBytes
                        || fixed + JsonEscaper.escapedLength(bytes, off, len) <= maxRecordBytes) {
                    writeMessageRecord(bytes, off, len, scratch);
                    hand(scratch, records);
                    return 1;
                }
            }
            if (onOversize != null) {
                onOversize.run();
            }
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
        long budget = maxRecordBytes - MESSAGE_OPEN.length - 1L - defaultTailMax - 2L * flag.length;
        if (budget < 6) { // not even one character fits: send it whole, the batcher counts it as too large
            writeMessageRecord(bytes, off, len, scratch);
            hand(scratch, records);
            return 1;
        }
        int start = off;
        int end = off + len;
        boolean leading = startsWith(bytes, start, end, flag);
        if (leading) {
            start += flag.length;
        }
        boolean trailing = end - start >= flag.length && startsWith(bytes, end - flag.length, end, flag);
        if (trailing) {
            end -= flag.length;
        }
        int n = 0;
        int pos = start;
        while (true) {
            int cut = JsonEscaper.fittingEnd(bytes, pos, end, budget);
            boolean last = cut >= end;
            scratch.writeBytes(MESSAGE_OPEN);
            if (leading || n > 0) {
                scratch.writeBytes(flag);
            }
            JsonEscaper.writeEscaped(bytes, pos, cut - pos, scratch);
            if (!last || trailing) {
                scratch.writeBytes(flag);
            }
            scratch.writeByte('"');
            buildTail(TEXT);
            scratch.writeBytes(tail, 0, tailLength);
            hand(scratch, records);
            n++;
            if (last) {
                return n;
            }
            pos = cut;
        }
    }

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Points {@link #bytes}/{@link #off}/{@link #len} at the line's valid UTF-8 bytes (repaired if needed). */
    private void prepare(ByteBuf line, boolean count) {
        len = line.readableBytes();
        if (line.hasArray()) {
            bytes = line.array();
            off = line.arrayOffset() + line.readerIndex();
        } else {
            if (copy.length < len) {
                copy = new byte[Math.max(len, copy.length * 2)];
            }
            line.getBytes(line.readerIndex(), copy, 0, len);
            bytes = copy;
            off = 0;
        }
        if (!Utf8.isValid(bytes, off, len)) {
            if (repaired.length < Utf8.maxRepairedLength(len)) {
                repaired = new byte[Utf8.maxRepairedLength(len)];
            }
            len = Utf8.repair(bytes, off, len, repaired);
            bytes = repaired;
            off = 0;
            if (count) {
                repairedLines++;
            }
        }
    }

    /** The line's reserved-key bits if it is one JSON object within the nesting limit, else NOT_AN_OBJECT. */
    private int classify() {
        if (!looksLikeObject(bytes, off, len)) {
            return JsonObjectScanner.NOT_AN_OBJECT;
        }
        int present = scanner.scan(bytes, off, len);
        if (present == JsonObjectScanner.TOO_DEEP) {
            if (onTooDeep != null) {
                onTooDeep.run();
            }
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
        while (bytes[closing] != '}') {
            closing--; // trailing whitespace was accepted by the parser
        }
        int from = off;
        for (int e = 0; e < edits; e++) {
            out.writeBytes(bytes, from, editStart[e] - from);
            out.writeBytes(editBytes, editFrom[e], editTo[e] - editFrom[e]);
            from = editEnd[e];
        }
        out.writeBytes(bytes, from, closing - from);
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
            if (comma) {
                comma();
            }
            put(TIMESTAMP);
            putLong(clockMillis.getAsLong());
            comma = true;
        }
        comma = member(present, ReservedKeys.HOSTNAME, fields.hostname(), comma);
        comma = member(present, ReservedKeys.SERVICE, fields.service(), comma);
        comma = member(present, ReservedKeys.DDSOURCE, fields.ddsource(), comma);
        member(present, ReservedKeys.DDTAGS, fields.ddtags(), comma);
        ensureTail(1);
        tail[tailLength++] = '}';
    }

    private boolean member(int present, int bit, byte[] member, boolean comma) {
        if ((present & bit) != 0 || member == null) {
            return comma;
        }
        if (comma) {
            comma();
        }
        put(member);
        return true;
    }

    private void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    private void put(byte[] src, int from, int n) {
        ensureTail(n);
        System.arraycopy(src, from, tail, tailLength, n);
        tailLength += n;
    }

    private void ensureTail(int more) {
        if (tailLength + more > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(tail.length * 2, tailLength + more));
        }
    }

    /**
     * Writes {@code value} in decimal. The digits of the last value are kept: at a high rate thousands of records in a
     * row carry the same millisecond, and the division loop was a tenth of the enricher's time.
     */
    private void putLong(long value) {
        ensureTail(21);
        if (value != lastLong && value >= 1000 && lastLong >= 1000 && value / 1000 == lastLong / 1000) {
            int millis = (int) (value % 1000); // the same second as the last value: only its last three digits differ
            digits[digits.length - 1] = (byte) ('0' + millis % 10);
            digits[digits.length - 2] = (byte) ('0' + millis / 10 % 10);
            digits[digits.length - 3] = (byte) ('0' + millis / 100);
            lastLong = value;
        } else if (value != lastLong) {
            long v = value;
            if (v < 0) {
                v = -v; // not an epoch-millisecond clock, but still valid JSON
            }
            int i = digits.length;
            do {
                digits[--i] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            if (value < 0) {
                digits[--i] = '-';
            }
            lastLong = value;
            lastLongStart = i;
        }
        System.arraycopy(digits, lastLongStart, tail, tailLength, digits.length - lastLongStart);
        tailLength += digits.length - lastLongStart;
    }

    /** {@link #putLong} without touching its cache (for the rare out-of-range mark: the cache keeps the clock's). */
    private void putLongUncached(long value) {
        byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        put(text);
    }

    private void comma() {
        ensureTail(1);
        tail[tailLength++] = ',';
    }

    /** How many bytes the edits add to the line (negative when they shorten it). */
    private long editDelta() {
        long delta = 0;
        for (int e = 0; e < edits; e++) {
            delta += (editTo[e] - editFrom[e]) - (editEnd[e] - editStart[e]);
        }
        return delta;
    }

    /**
     * For a JSON object line: reads the record's own status, time, message, host, service, trace ids and errors
     * from where the scanner found them ({@link RecordFields}, first source name that gives a usable value wins),
     * and prepares the edits of its own reserved values and the tail of members to add. Nothing the record holds is
     * removed: a reserved value rewritten in place is kept under {@code <name>_original}.
     */
    private void resolveObject(int present) {
        RecordFields f = scanner.fields();
        if (!f.signals && f.taken == 0) { // the common case: only plain reserved names, if any
            edits = 0;
            buildTail(present);
            return;
        }
        tailLength = 0;
        edits = 0;
        editLength = 0;
        boolean comma = (present & ReservedKeys.ANY_FIELD) != 0;
        comma = resolveStatus(f, present, comma);
        comma = resolveTimestamp(f, present, comma);
        comma = resolveText(
                f, RecordFields.MESSAGE, (present & ReservedKeys.MESSAGE) != 0, false, MESSAGE_NAME, null, comma);
        comma = resolveText(
                f,
                RecordFields.HOSTNAME,
                (present & ReservedKeys.HOSTNAME) != 0,
                true,
                HOSTNAME_NAME,
                fields.hostname(),
                comma);
        comma = resolveText(
                f,
                RecordFields.SERVICE,
                (present & ReservedKeys.SERVICE) != 0,
                true,
                SERVICE_NAME,
                fields.service(),
                comma);
        comma = member(present, ReservedKeys.DDSOURCE, fields.ddsource(), comma);
        comma = member(present, ReservedKeys.DDTAGS, fields.ddtags(), comma);
        comma = resolveText(
                f, RecordFields.TRACE_ID, f.has(RecordFields.TRACE_ID, 0), false, TRACE_ID_NAME, null, comma);
        comma = resolveText(f, RecordFields.SPAN_ID, f.has(RecordFields.SPAN_ID, 0), false, SPAN_ID_NAME, null, comma);
        resolveError(f, comma);
        sortEdits();
        ensureTail(1);
        tail[tailLength++] = '}';
    }

    private boolean resolveStatus(RecordFields f, int present, boolean comma) {
        Status status = null;
        for (int p = 0, mask = f.found[RecordFields.STATUS]; mask != 0; p++, mask >>>= 1) {
            if ((mask & 1) == 0) {
                continue;
            }
            status = statusOf(f.start(RecordFields.STATUS, p), f.end(RecordFields.STATUS, p));
            if (status != null) {
                break;
            }
        }
        if (status == null) {
            status = Status.DEFAULT;
        }
        if ((present & ReservedKeys.STATUS) == 0) {
            if (comma) {
                comma();
            }
            put(STATUS_NAME);
            put(STATUS_JSON[status.ordinal()]);
            return true;
        }
        if (!f.has(RecordFields.STATUS, 0)) {
            return comma; // decided by Jackson: kept as it is
        }
        int s = f.start(RecordFields.STATUS, 0);
        int e = f.end(RecordFields.STATUS, 0);
        byte[] json = STATUS_JSON[status.ordinal()];
        if (Arrays.equals(bytes, s, e, json, 0, json.length)) {
            return comma;
        }
        if ((f.taken & RecordFields.TAKEN_STATUS_ORIGINAL) != 0) {
            return comma; // nowhere to keep it: kept as it is
        }
        edit(s, e, json, 0, json.length);
        return keepOriginal(STATUS_ORIGINAL, s, e, comma);
    }

    /** The status of a level value (a JSON string or integer), or null. */
    private Status statusOf(int s, int e) {
        if (bytes[s] == '"') {
            int from = s + 1;
            int to = e - 1;
            while (from < to && bytes[from] == ' ') {
                from++;
            }
            while (to > from && bytes[to - 1] == ' ') {
                to--;
            }
            return Status.ofWord(bytes, from, to - from, true);
        }
        if (isDigit(bytes[s])) {
            return Status.ofWord(bytes, s, e - s, true); // only whole integers map
        }
        return null;
    }

    private boolean resolveTimestamp(RecordFields f, int present, boolean comma) {
        long now = clockMillis.getAsLong();
        long time = TimeParser.NONE;
        int used = -1;
        for (int p = 0, mask = f.found[RecordFields.TIMESTAMP]; mask != 0; p++, mask >>>= 1) {
            if ((mask & 1) == 0) {
                continue;
            }
            time = timeOf(f.start(RecordFields.TIMESTAMP, p), f.end(RecordFields.TIMESTAMP, p));
            if (time != TimeParser.NONE) {
                used = p;
                break;
            }
        }
        boolean outOfRange = time != TimeParser.NONE && isOutOfRange(time, now);
        long write = time == TimeParser.NONE || outOfRange ? now : time;
        boolean canMark = (f.taken & RecordFields.TAKEN_OUT_OF_RANGE) == 0;
        boolean own = (present & ReservedKeys.TIMESTAMP) != 0;
        // The record's own timestamp stays as it is when the intake reads it right (epoch ms, RFC 3339) and it is in
        // range; any other form (GELF's epoch seconds, a time without a zone) is rewritten as epoch ms and kept.
        if (!own) {
            if (comma) {
                comma();
            }
            put(TIMESTAMP);
            putLong(write);
            comma = true;
        } else if (f.has(RecordFields.TIMESTAMP, 0) && time != TimeParser.NONE) {
            int s = f.start(RecordFields.TIMESTAMP, 0);
            int e = f.end(RecordFields.TIMESTAMP, 0);
            if ((used != 0 || outOfRange || !(isEpochMillis(s, e) || isRfc3339(s, e)))
                    && (f.taken & RecordFields.TAKEN_TIMESTAMP_ORIGINAL) == 0) {
                int from = editLength;
                ensureEdit(20);
                editLength += writeLong(write, editBytes, editLength);
                edit(s, e, editBytes, from, editLength);
                comma = keepOriginal(TIMESTAMP_ORIGINAL, s, e, comma);
            }
        } // else: the record's own timestamp, unreadable here and by nothing else better: kept as it is
        if (outOfRange && canMark) {
            if (comma) {
                comma();
            }
            put(OUT_OF_RANGE);
            putLongUncached(time);
            comma = true;
        }
        return comma;
    }

    private static boolean isOutOfRange(long time, long now) {
        return time < now - ReservedAttributes.MAX_PAST_MILLIS || time > now + ReservedAttributes.MAX_FUTURE_MILLIS;
    }

    private boolean isEpochMillis(int s, int e) {
        if (e - s < 11 || e - s > 13) {
            return false;
        }
        for (int i = s; i < e; i++) {
            if (!isDigit(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a string that parsed as a time is RFC 3339 ({@code T} and an explicit zone): the intake reads it as it
     * is, so the record's own {@code timestamp} in this form is kept unchanged.
     */
    private boolean isRfc3339(int s, int e) {
        if (bytes[s] != '"' || e - s < 22 || bytes[s + 11] != 'T') {
            return false;
        }
        byte last = bytes[e - 2];
        if (last == 'Z') {
            return true;
        }
        return bytes[e - 4] == ':' && (bytes[e - 7] == '+' || bytes[e - 7] == '-');
    }

    private long timeOf(int s, int e) {
        if (bytes[s] == '"') {
            return times.parseCached(bytes, s + 1, e - s - 2);
        }
        if (isDigit(bytes[s])) {
            return times.parseCached(bytes, s, e - s);
        }
        return TimeParser.NONE;
    }

    /**
     * A text fact (message, host, service, trace id): the first source whose value is a string or a number. When
     * the record's own reserved name holds it, nothing changes; when that name holds something else (an object,
     * as ECS's {@code "service":{"name":..}}) and {@code replaceOwn}, the value is replaced and the object kept under
     * {@code <name>_original}; when the record lacks the name, the member is added, else {@code fallback}.
     */
    private boolean resolveText(
            RecordFields f, int slot, boolean own, boolean replaceOwn, byte[] name, byte[] fallback, boolean comma) {
        int used = -1;
        for (int p = 0, mask = f.found[slot]; mask != 0; p++, mask >>>= 1) {
            if ((mask & 1) != 0 && isTextValue(f.start(slot, p))) {
                used = p;
                break;
            }
        }
        if (used == 0) {
            return comma;
        }
        if (used < 0) {
            if (own || fallback == null) {
                return comma;
            }
            if (comma) {
                comma();
            }
            put(fallback);
            return true;
        }
        int s = f.start(slot, used);
        int e = f.end(slot, used);
        if (!own) {
            if (comma) {
                comma();
            }
            put(name);
            putValueAsString(s, e);
            return true;
        }
        int taken = slot == RecordFields.SERVICE
                ? RecordFields.TAKEN_SERVICE_ORIGINAL
                : RecordFields.TAKEN_HOSTNAME_ORIGINAL;
        if (!replaceOwn || !f.has(slot, 0) || (f.taken & taken) != 0) {
            return comma;
        }
        int os = f.start(slot, 0);
        int oe = f.end(slot, 0);
        int from = editLength;
        boolean quote = bytes[s] != '"';
        ensureEdit(e - s + 2);
        if (quote) {
            editBytes[editLength++] = '"';
        }
        System.arraycopy(bytes, s, editBytes, editLength, e - s);
        editLength += e - s;
        if (quote) {
            editBytes[editLength++] = '"';
        }
        edit(os, oe, editBytes, from, editLength);
        return keepOriginal(slot == RecordFields.SERVICE ? SERVICE_ORIGINAL : HOSTNAME_ORIGINAL, os, oe, comma);
    }

    private boolean isTextValue(int s) {
        byte c = bytes[s];
        return c == '"' || c == '-' || isDigit(c);
    }

    private void putValueAsString(int s, int e) {
        boolean quote = bytes[s] != '"';
        if (quote) {
            put(QUOTE);
        }
        put(bytes, s, e - s);
        if (quote) {
            put(QUOTE);
        }
    }

    /**
     * Errors: {@code error.kind}, {@code error.message}, {@code error.stack} from the first string source of each,
     * when the record lacks them: inside its {@code error} object when it has one, else as a new {@code error}
     * object (or dotted keys when {@code error} is taken by something else than an object).
     */
    private void resolveError(RecordFields f, boolean comma) {
        if ((f.found[RecordFields.ERROR_KIND] | f.found[RecordFields.ERROR_MESSAGE] | f.found[RecordFields.ERROR_STACK])
                == 0) {
            return;
        }
        int kind = firstString(f, RecordFields.ERROR_KIND);
        int message = firstString(f, RecordFields.ERROR_MESSAGE);
        int stack = firstString(f, RecordFields.ERROR_STACK);
        if (kind <= 0 && message <= 0 && stack <= 0) {
            return;
        }
        if (f.errorOpen >= 0) {
            int from = editLength;
            boolean inner = !isBlank(f.errorOpen + 1, f.errorClose);
            inner = editMember(f, RecordFields.ERROR_KIND, kind, KIND_NAME, inner);
            inner = editMember(f, RecordFields.ERROR_MESSAGE, message, MESSAGE_NAME, inner);
            editMember(f, RecordFields.ERROR_STACK, stack, STACK_NAME, inner);
            edit(f.errorClose, f.errorClose, editBytes, from, editLength);
            return;
        }
        if (f.errorKey) {
            comma = tailMember(f, RecordFields.ERROR_KIND, kind, ERROR_KIND_NAME, comma);
            comma = tailMember(f, RecordFields.ERROR_MESSAGE, message, ERROR_MESSAGE_NAME, comma);
            tailMember(f, RecordFields.ERROR_STACK, stack, ERROR_STACK_NAME, comma);
            return;
        }
        if (comma) {
            comma();
        }
        put(ERROR_OPEN);
        boolean inner = tailMember(f, RecordFields.ERROR_KIND, kind, KIND_NAME, false);
        inner = tailMember(f, RecordFields.ERROR_MESSAGE, message, MESSAGE_NAME, inner);
        tailMember(f, RecordFields.ERROR_STACK, stack, STACK_NAME, inner);
        ensureTail(1);
        tail[tailLength++] = '}';
    }

    /** The priority of the first string value of {@code slot}, -1 for none, 0 when the target itself is there. */
    private int firstString(RecordFields f, int slot) {
        if (f.has(slot, 0)) {
            return 0;
        }
        for (int p = 1, mask = f.found[slot] >>> 1; mask != 0; p++, mask >>>= 1) {
            if ((mask & 1) != 0 && bytes[f.start(slot, p)] == '"') {
                return p;
            }
        }
        return -1;
    }

    private boolean tailMember(RecordFields f, int slot, int priority, byte[] name, boolean comma) {
        if (priority <= 0) {
            return comma;
        }
        if (comma) {
            comma();
        }
        put(name);
        put(bytes, f.start(slot, priority), f.end(slot, priority) - f.start(slot, priority));
        return true;
    }

    private boolean editMember(RecordFields f, int slot, int priority, byte[] name, boolean comma) {
        if (priority <= 0) {
            return comma;
        }
        int s = f.start(slot, priority);
        int e = f.end(slot, priority);
        ensureEdit(1 + name.length + e - s);
        if (comma) {
            editBytes[editLength++] = ',';
        }
        System.arraycopy(name, 0, editBytes, editLength, name.length);
        editLength += name.length;
        System.arraycopy(bytes, s, editBytes, editLength, e - s);
        editLength += e - s;
        return true;
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isJsonWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean keepOriginal(byte[] name, int s, int e, boolean comma) {
        if (comma) {
            comma();
        }
        put(name);
        put(bytes, s, e - s);
        return true;
    }

    /** Replaces {@code bytes[s, e)} by {@code src[from, to)} (which must stay valid until the record is written). */
    private void edit(int s, int e, byte[] src, int from, int to) {
        if (src != editBytes) {
            int at = editLength;
            ensureEdit(to - from);
            System.arraycopy(src, from, editBytes, at, to - from);
            editLength += to - from;
            from = at;
            to = editLength;
        }
        editStart[edits] = s;
        editEnd[edits] = e;
        editFrom[edits] = from;
        editTo[edits] = to;
        edits++;
    }

    private void ensureEdit(int more) {
        if (editLength + more > editBytes.length) {
            editBytes = Arrays.copyOf(editBytes, Math.max(editBytes.length * 2, editLength + more));
        }
    }

    private void sortEdits() {
        for (int i = 1; i < edits; i++) {
            for (int j = i; j > 0 && editStart[j - 1] > editStart[j]; j--) {
                swap(editStart, j);
                swap(editEnd, j);
                swap(editFrom, j);
                swap(editTo, j);
            }
        }
    }

    private static void swap(int[] a, int j) {
        int t = a[j];
        a[j] = a[j - 1];
        a[j - 1] = t;
    }

    private static int writeLong(long value, byte[] dst, int at) {
        int n = 0;
        long v = value;
        do {
            n++;
            v /= 10;
        } while (v != 0);
        for (int i = at + n - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return n;
    }

    /**
     * For a plain-text line: a leading time ({@code 2026-11-27T12:00:00Z}, {@code 2026-11-27 12:00:00,123},
     * {@code time=...}) and level ({@code ERROR}, {@code [WARN]}, {@code level=error}, {@code INFO:}) within its
     * first tokens give the record's {@code timestamp} and {@code status}; the whole line stays the message.
     */
    private void buildTextTail() {
        Status status = null;
        long time = TimeParser.NONE;
        int i = off;
        int end = off + len;
        for (int token = 0; token < 4 && i < end; token++) {
            while (i < end && bytes[i] == ' ') {
                i++;
            }
            int s = i;
            while (i < end && bytes[i] != ' ' && bytes[i] != '\t') {
                i++;
            }
            int e = i;
            if (s == e) {
                break;
            }
            if (bytes[s] == '[') {
                s++;
            }
            if (e > s && (bytes[e - 1] == ']' || bytes[e - 1] == ':')) {
                e--;
            }
            if (e > s && bytes[e - 1] == ']') {
                e--;
            }
            int eq = keyValueSplit(s, e);
            if (eq > s) {
                int vs = eq + 1;
                int ve = e;
                if (ve - vs >= 2 && bytes[vs] == '"' && bytes[ve - 1] == '"') {
                    vs++;
                    ve--;
                }
                if (status == null && isKey(s, eq, LEVEL_KEYS)) {
                    status = Status.ofWord(bytes, vs, ve - vs, true);
                    continue;
                }
                if (time == TimeParser.NONE && isKey(s, eq, TIME_KEYS)) {
                    time = times.parseCached(bytes, vs, ve - vs);
                    continue;
                }
                break;
            }
            if (time == TimeParser.NONE && e - s >= 10 && bytes[s + 4] == '-' && isDigit(bytes[s])) {
                if (e - s == 10 && i + 1 < end && isDigit(bytes[i + 1])) { // a date, then its time after a space
                    int t = i + 1;
                    while (t < end && bytes[t] != ' ' && bytes[t] != '\t' && bytes[t] != ']') {
                        t++;
                    }
                    time = times.parseCached(bytes, s, t - s);
                    i = t < end && bytes[t] == ']' ? t + 1 : t;
                } else {
                    time = times.parseCached(bytes, s, e - s);
                }
                if (time != TimeParser.NONE) {
                    continue;
                }
            }
            if (status == null && !isDigit(bytes[s])) { // a number at the start of a text line is no level
                status = Status.ofWord(bytes, s, e - s, false);
                if (status != null) {
                    continue;
                }
            }
            break;
        }
        long now = clockMillis.getAsLong();
        boolean outOfRange = time != TimeParser.NONE && isOutOfRange(time, now);
        tailLength = 0;
        edits = 0;
        comma();
        put(STATUS_NAME);
        put(STATUS_JSON[(status == null ? Status.DEFAULT : status).ordinal()]);
        comma();
        put(TIMESTAMP);
        putLong(time == TimeParser.NONE || outOfRange ? now : time);
        if (outOfRange) {
            comma();
            put(OUT_OF_RANGE);
            putLongUncached(time);
        }
        member(0, ReservedKeys.HOSTNAME, fields.hostname(), true);
        member(0, ReservedKeys.SERVICE, fields.service(), true);
        member(0, ReservedKeys.DDSOURCE, fields.ddsource(), true);
        member(0, ReservedKeys.DDTAGS, fields.ddtags(), true);
        ensureTail(1);
        tail[tailLength++] = '}';
    }

    /**
     * The index of the {@code =} of a token {@code key=value} whose key is a level or time key ({@code level=},
     * {@code time=}, ...), else -1 (any other token, whether or not it has an {@code =}).
     */
    private int keyValueSplit(int s, int e) {
        byte c = bytes[s];
        if (c != 'l' && c != 't' && c != 's') {
            return -1;
        }
        for (int i = s + 1, limit = Math.min(e, s + 10); i < limit; i++) {
            if (bytes[i] == '=') {
                return i;
            }
        }
        return -1;
    }

    private boolean isKey(int s, int e, byte[][] keys) {
        for (byte[] k : keys) {
            if (k.length == e - s && Arrays.equals(k, 0, k.length, bytes, s, e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean looksLikeObject(byte[] b, int off, int len) {
        int first = off;
        int last = off + len - 1;
        while (first <= last && isJsonWhitespace(b[first])) {
            first++;
        }
        while (last > first && isJsonWhitespace(b[last])) {
            last--;
        }
        return first < last && b[first] == '{' && b[last] == '}';
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** {@code "name":} */
    private static byte[] name(String name) {
        return bytes('"' + name + "\":");
    }

    private static String child(String dotted) {
        return dotted.substring(dotted.indexOf('.') + 1);
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
