package io.logship.agent.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits bytes into lines: {@code \n}-delimited, one trailing {@code \r} stripped, empty lines skipped, and lines
 * longer than the limit chopped into chunks marked with {@link #TRUNCATED_FLAG} the way the Datadog Agent does
 * ({@code pkg/logs/internal/framer}, {@code message.TruncatedFlag}).
 *
 * <p>Chunking: a line whose content (after stripping the {@code \r}) exceeds {@code maxMessageBytes} is emitted as
 * chunks of exactly {@code maxMessageBytes} content bytes. Every chunk but the last gets the flag appended, every
 * chunk but the first gets it prepended, so a reader can tell where a line was cut. A line of exactly
 * {@code maxMessageBytes} is one unmarked line (Datadog Agent PR #45296 fixed the opposite). Nothing is dropped. A
 * multi-byte UTF-8 character cut by a chunk boundary becomes invalid and is replaced later, in the enricher.
 *
 * <p>Ownership: each emitted line is a buffer the consumer owns and must release; unmarked lines are retained
 * slices of the input, marked chunks are fresh buffers from the allocator. The input's reader index advances past
 * every byte consumed; bytes of an incomplete last line stay readable unless {@code endOfInput} is set.
 *
 * <p>Thread-safety: none; one instance per connection (or per datagram channel), because it remembers whether the
 * current line was already cut ({@code continuing}) and how far it searched for a newline.
 *
 * <p>Pitfalls: with {@code endOfInput} the remainder is always delivered, so call it only when no more bytes of
 * this stream can arrive (peer closed, end of a datagram).
 */
public final class LineSplitter {
    /**
     * Default largest line content, in bytes, before it is chopped into chunks: {@value}, the Datadog Agent's
     * {@code logs_config.max_message_size_bytes} (PR #40473), below the intake's 1 MB single-log limit.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 900_000;

    /** The marker of a cut line, byte for byte the Datadog Agent's {@code message.TruncatedFlag}. */
    public static final byte[] TRUNCATED_FLAG = "...TRUNCATED...".getBytes(StandardCharsets.US_ASCII);

    private final int maxMessageBytes;
    /** The line being read was already cut at least once: its next chunk starts with the flag. */
    private boolean continuing;
    /** Bytes from the reader index already known to hold no {@code \n}: no rescan when more bytes arrive. */
    private int scanned;

    /**
     * @param maxMessageBytes the largest line content in bytes, {@code > 0}; longer lines are chunked
     * @throws IllegalArgumentException if {@code maxMessageBytes <= 0}
     */
    public LineSplitter(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The largest line content in bytes. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /**
     * Emits every complete line (and chunk) readable in {@code in}.
     *
     * @param in the bytes; its reader index advances past what was consumed
     * @param endOfInput no more bytes will follow: the remainder is emitted as the last line
     * @param alloc allocates the buffers of marked chunks
     * @param out receives each line; it owns (and must release) each buffer
     */
    public void split(ByteBuf in, boolean endOfInput, ByteBufAllocator alloc, Consumer<ByteBuf> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            // A line's content is at most max bytes, then maybe '\r', then '\n': look no further than max + 2.
            int searchEnd = (int) Math.min(end, (long) start + maxMessageBytes + 2);
            int newline = in.indexOf(start + scanned, searchEnd, (byte) '\n');
            if (newline >= 0) {
                int contentEnd = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
                if (contentEnd - start > maxMessageBytes) {
                    emitChunk(in, start, alloc, out);
                } else {
                    emitLast(in, start, contentEnd - start, alloc, out);
                    in.readerIndex(newline + 1);
                    scanned = 0;
                }
            } else if (searchEnd - start >= maxMessageBytes + 2) {
                // No '\n' within max + 2 bytes: the content is longer than max whatever comes next.
                emitChunk(in, start, alloc, out);
            } else if (endOfInput) {
                int contentEnd = in.getByte(end - 1) == '\r' ? end - 1 : end;
                if (contentEnd - start > maxMessageBytes) {
                    emitChunk(in, start, alloc, out);
                } else {
                    emitLast(in, start, contentEnd - start, alloc, out);
                    in.readerIndex(end);
                    scanned = 0;
                }
            } else {
                scanned = searchEnd - start;
                return;
            }
        }
    }

    /** Emits {@code max} bytes from {@code start} as a cut chunk and moves the reader index past them. */
    private void emitChunk(ByteBuf in, int start, ByteBufAllocator alloc, Consumer<ByteBuf> out) {
        int flags = continuing ? 2 : 1;
        ByteBuf chunk = alloc.buffer(maxMessageBytes + flags * TRUNCATED_FLAG.length);
        if (continuing) {
            chunk.writeBytes(TRUNCATED_FLAG);
        }
        chunk.writeBytes(in, start, maxMessageBytes);
        chunk.writeBytes(TRUNCATED_FLAG);
        in.readerIndex(start + maxMessageBytes);
        scanned = 0;
        continuing = true;
        out.accept(chunk);
    }

    /** Emits the end of a line (the whole line unless it was cut before); empty lines are skipped. */
    private void emitLast(ByteBuf in, int start, int length, ByteBufAllocator alloc, Consumer<ByteBuf> out) {
        if (continuing) {
            continuing = false;
            ByteBuf chunk = alloc.buffer(TRUNCATED_FLAG.length + length);
            chunk.writeBytes(TRUNCATED_FLAG).writeBytes(in, start, length);
            out.accept(chunk);
        } else if (length > 0) {
            out.accept(in.retainedSlice(start, length));
        }
    }
}
