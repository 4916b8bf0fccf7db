package io.logship.agent.sources.file;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Joins the lines of one record (a stack trace) for a file source with {@code multi_line_start}: a line whose
 * beginning matches the pattern starts a record, any other line is appended to the open record with a {@code \n}.
 * The open record leaves when the next one starts, when appending would pass {@code maxBytes} (the line then
 * starts a record of its own), or on {@link #flush} (the file was quiet for a while, or ends).
 *
 * <p>Cost: the pattern sees at most the first {@value #MATCH_PREFIX_BYTES} bytes of each line, decoded once; this
 * is the one place on a record's path with a regular expression, and only for sources that ask for it.
 *
 * <p>Ownership: {@link #add} releases the line; the record handed to {@code out} is the consumer's. Not
 * thread-safe: one instance per file, on the source's event loop.
 */
final class MultiLine {
    /** Bytes of a line the start pattern is matched against. */
    static final int MATCH_PREFIX_BYTES = 1024;

    private final Pattern start;
    private final int maxBytes;
    private ByteBuf record;
    private long recordStart;

    /**
     * @param start a line matching this (at its beginning) starts a record
     * @param maxBytes the largest record, in bytes ({@code max_message_bytes})
     */
    MultiLine(Pattern start, int maxBytes) {
        this.start = start;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds one line that begins at file offset {@code lineStart}; may hand the open record to {@code out} first.
     * Releases {@code line}.
     */
    void add(ByteBuf line, long lineStart, Consumer<ByteBuf> out) {
        try {
            boolean starts = startsRecord(line);
            if (record != null && (starts || record.readableBytes() + 1L + line.readableBytes() > maxBytes)) {
                flush(out);
            }
            if (record == null) {
                record = Unpooled.buffer(Math.min(maxBytes, Math.max(256, line.readableBytes() * 2)), maxBytes + 64);
                recordStart = lineStart;
            } else {
                record.writeByte('\n');
            }
            record.writeBytes(line, line.readerIndex(), line.readableBytes());
        } finally {
            line.release();
        }
    }

    /** Hands the open record, if any, to {@code out}. */
    void flush(Consumer<ByteBuf> out) {
        if (record == null) {
            return;
        }
        ByteBuf r = record;
        record = null;
        out.accept(r);
    }

    /** Whether a record is open (not yet handed on). */
    boolean open() {
        return record != null;
    }

    /** The file offset where the open record begins: records before it are complete. */
    long openRecordStart() {
        return recordStart;
    }

    /** Frees the open record without handing it on (the file was truncated under it, or the source stops). */
    void discard() {
        if (record != null) {
            record.release();
        }
        record = null;
    }

    private boolean startsRecord(ByteBuf line) {
        int n = Math.min(line.readableBytes(), MATCH_PREFIX_BYTES);
        return start.matcher(line.toString(line.readerIndex(), n, StandardCharsets.UTF_8))
                .lookingAt();
    }
}
