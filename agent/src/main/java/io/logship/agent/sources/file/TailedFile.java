package io.logship.agent.sources.file;

import io.logship.agent.frame.LineSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One file a file source follows: its identity (device and inode, so a rename keeps it and a new file under the old
 * name is another one), its open channel, how far it was read, and the bytes of its incomplete last line.
 *
 * <p>Offsets: {@link #readOffset} is the next byte to read; {@link #consumedOffset()} the first byte not yet in a
 * line handed on; {@link #safeOffset()} the first byte not yet in a complete record (before an open multi-line
 * record). Only the safe offset is ever checkpointed.
 *
 * <p>Ownership and threads: confined to the source's event loop; it owns its channel and buffer
 * ({@link #close()}).
 */
final class TailedFile {
    final String key;
    Path path;
    /** Changes when the file is truncated: confirmations of the earlier content are then stale. */
    long generation;
    /** The file no longer matches (deleted, or renamed away): read to its end, then closed and forgotten. */
    boolean gone;
    /** When the file was last found with nothing more to read, for closing gone files. */
    long idleSinceNanos;
    /** An open failure was already logged for this file. */
    boolean warned;

    private final int maxMessageBytes;
    private final Pattern multiLineStart;
    private FileChannel channel;
    private long readOffset;
    private ByteBuf pending;
    private LineSplitter splitter;
    private MultiLine multiLine;

    TailedFile(String key, Path path, long startOffset, int maxMessageBytes, Pattern multiLineStart) {
        this.key = key;
        this.path = path;
        this.readOffset = startOffset;
        this.maxMessageBytes = maxMessageBytes;
        this.multiLineStart = multiLineStart;
        reset();
    }

    private void reset() {
        splitter = new LineSplitter(maxMessageBytes);
        multiLine = multiLineStart == null ? null : new MultiLine(multiLineStart, maxMessageBytes);
    }

    boolean isOpen() {
        return channel != null;
    }

    /**
     * Opens the file for reading.
     *
     * @return false if the file under this name is another one now (rotated while closed): nothing was opened
     */
    boolean open() throws IOException {
        FileChannel opened = FileChannel.open(path, StandardOpenOption.READ);
        Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        if (now != null && !key.equals(String.valueOf(now))) {
            opened.close();
            return false;
        }
        channel = opened;
        if (pending == null) {
            pending = Unpooled.buffer(8192);
        }
        return true;
    }

    /** The next byte to read. */
    long readOffset() {
        return readOffset;
    }

    /** The file's size now, through the open channel (it still works after a rename or a deletion). */
    long size() throws IOException {
        return channel.size();
    }

    long consumedOffset() {
        return readOffset - (pending == null ? 0 : pending.readableBytes());
    }

    long safeOffset() {
        return multiLine != null && multiLine.open() ? multiLine.openRecordStart() : consumedOffset();
    }

    /** Whether everything up to {@code size} was read. */
    boolean readUpTo(long size) {
        return readOffset >= size;
    }

    /**
     * The file is shorter than what was consumed: it was truncated (copytruncate). Open records are handed on, the
     * incomplete line is dropped (its start was cut off), and reading starts again at 0 in a new generation.
     */
    void truncated(Consumer<ByteBuf> out) {
        if (multiLine != null) {
            multiLine.flush(out);
        }
        if (pending != null) {
            pending.clear();
        }
        readOffset = 0;
        generation++;
        reset();
    }

    /**
     * Reads at most {@code maxBytes} and hands every complete line (or chunk of an over-long line) to {@code out}.
     *
     * @return bytes read
     */
    int read(int maxBytes, long size, ByteBufAllocator alloc, Consumer<ByteBuf> out) throws IOException {
        int want = (int) Math.min(maxBytes, size - readOffset);
        if (want <= 0) {
            return 0;
        }
        pending.ensureWritable(want);
        int n = pending.writeBytes(channel, readOffset, want);
        if (n <= 0) {
            return 0;
        }
        readOffset += n;
        split(false, alloc, out);
        return n;
    }

    /** The file ends here for good (gone and read to its end, or the source stops with {@code last}). */
    void finish(ByteBufAllocator alloc, Consumer<ByteBuf> out, boolean lastLineToo) {
        if (lastLineToo && pending != null && pending.isReadable()) {
            split(true, alloc, out);
        }
        if (multiLine != null) {
            multiLine.flush(out);
        }
    }

    /** A multi-line record stayed open while the file was quiet: it is complete. */
    void flushOpenRecord(Consumer<ByteBuf> out) {
        if (multiLine != null) {
            multiLine.flush(out);
        }
    }

    private void split(boolean endOfInput, ByteBufAllocator alloc, Consumer<ByteBuf> out) {
        long bufferStart = readOffset - pending.readableBytes();
        int bufferIndex = pending.readerIndex();
        Consumer<ByteBuf> lines = multiLine == null
                ? out
                : line -> multiLine.add(line, bufferStart + (pending.readerIndex() - bufferIndex), out);
        splitter.split(pending, endOfInput, alloc, lines);
        pending.discardReadBytes();
    }

    /** Closes the channel; the offsets and the incomplete line stay (the file may be opened again). */
    void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a file opened for reading: nothing was written, nothing can be lost.
        }
        channel = null;
    }

    /** Closes the channel and frees the buffers. */
    void close() {
        closeChannel();
        if (multiLine != null) {
            multiLine.discard();
        }
        if (pending != null) {
            pending.release();
        }
        pending = null;
    }
}
