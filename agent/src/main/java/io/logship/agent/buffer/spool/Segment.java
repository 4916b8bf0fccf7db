package io.logship.agent.buffer.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One segment file: its pending entries (in append order) and, while it is the active segment, its write channel.
 *
 * <p>Not thread-safe: {@link DiskSpool} calls it under its lock.
 */
final class Segment {
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";
    /** The glob that lists segment files. */
    static final String GLOB = PREFIX + "*" + SUFFIX;

    private final Path path;
    private final long firstId;
    private final FileOpener opener;
    /** Pending entries by id, oldest first; the value is the header's file offset. */
    private final Map<Long, Located> pending = new LinkedHashMap<>();

    private volatile FileChannel writer;
    private FileChannel reader;
    private long size;
    private long pendingBytes;

    record Located(SpoolEntry entry, long offset) {}

    private Segment(Path path, long firstId, FileOpener opener, long size) {
        this.path = path;
        this.firstId = firstId;
        this.opener = opener;
        this.size = size;
    }

    static String fileName(long firstId) {
        return String.format("%s%020d%s", PREFIX, firstId, SUFFIX);
    }

    /** The first id from a segment file name, or -1 when the name is not one of ours. */
    static long parseFirstId(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException notOurs) {
            return -1; // a stray file that happens to match the glob: leave it alone
        }
    }

    /** Creates a new active segment and writes its file header; on failure nothing is left behind. */
    static Segment create(Path dir, long firstId, FileOpener opener) throws IOException {
        Path path = dir.resolve(fileName(firstId));
        FileChannel channel = null;
        try {
            channel = opener.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer header =
                    ByteBuffer.allocate(EntryFormat.FILE_HEADER_BYTES).putLong(0, EntryFormat.FILE_MAGIC);
            while (header.hasRemaining()) {
                channel.write(header);
            }
        } catch (IOException e) {
            IOException failure = new IOException("cannot create spool segment " + path + ": " + e, e);
            if (channel != null) {
                closeQuietly(channel, failure);
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        Segment segment = new Segment(path, firstId, opener, EntryFormat.FILE_HEADER_BYTES);
        segment.writer = channel;
        return segment;
    }

    /** A sealed segment found on start, holding the entries the scan found intact. */
    static Segment recovered(Path path, long firstId, FileOpener opener, SegmentScanner.Result scan) {
        Segment segment = new Segment(path, firstId, opener, scan.fileBytes());
        for (SegmentScanner.Found found : scan.entries()) {
            segment.index(found.entry(), found.offset());
        }
        return segment;
    }

    /**
     * Writes one entry at the end. On failure the file is cut back to where it was (best effort) and the exception
     * names the file; the caller must {@link #seal()} this segment, since its channel is in an unknown state.
     */
    void append(ByteBuffer header, SpoolEntry entry, ByteBuffer payload) throws IOException {
        long start = size;
        long written = 0;
        ByteBuffer[] buffers = {header, payload.duplicate()};
        try {
            long total = EntryFormat.entryBytes(entry.payloadBytes());
            while (written < total) {
                written += writer.write(buffers);
            }
        } catch (IOException e) {
            IOException failure = new IOException("cannot append to spool segment " + path + ": " + e, e);
            try {
                writer.truncate(start);
                written = 0;
            } catch (IOException truncate) {
                failure.addSuppressed(truncate); // the partial entry stays; replay skips it as a torn tail
            }
            size = start + written;
            throw failure;
        }
        size = start + written;
        index(entry, start);
    }

    /** Forces written data to disk. */
    void force() throws IOException {
        FileChannel channel = writer; // read once: DiskSpool#sync forces outside its lock while a roll may seal
        if (channel == null) {
            return;
        }
        try {
            channel.force(false); // fdatasync: data and the size needed to read it back
        } catch (ClosedChannelException e) {
            return; // sealed meanwhile: sealing forced it first
        } catch (IOException e) {
            throw new IOException("cannot fsync spool segment " + path + ": " + e, e);
        }
    }

    /** Stops appending here: closes the write channel. Idempotent. */
    void seal() {
        if (writer == null) {
            return;
        }
        closeQuietly(writer, null);
        writer = null;
    }

    boolean isSealed() {
        return writer == null;
    }

    /** Reads and re-verifies one pending entry's payload. */
    byte[] read(Located located) throws IOException {
        SpoolEntry entry = located.entry();
        if (reader == null) {
            reader = opener.open(path, StandardOpenOption.READ);
        }
        ByteBuffer buf = ByteBuffer.allocate((int) EntryFormat.entryBytes(entry.payloadBytes()));
        long position = located.offset();
        while (buf.hasRemaining()) {
            int n = reader.read(buf, position + buf.position());
            if (n < 0) {
                throw new SpoolCorruptException("spool segment " + path + " ends inside entry " + entry.id());
            }
        }
        buf.flip();
        SpoolEntry check = EntryFormat.decode(buf, 0);
        if (check == null || check.id() != entry.id()) {
            throw new SpoolCorruptException(
                    "spool entry " + entry.id() + " in " + path + " is corrupt: checksum " + "mismatch");
        }
        byte[] payload = new byte[entry.payloadBytes()];
        buf.position(EntryFormat.HEADER_BYTES).get(payload);
        return payload;
    }

    Located located(long id) {
        return pending.get(id);
    }

    /** Removes an entry from the pending set; true if it was pending. */
    boolean acknowledge(long id) {
        Located removed = pending.remove(id);
        if (removed == null) {
            return false;
        }
        pendingBytes -= removed.entry().payloadBytes();
        return true;
    }

    /** Deletes the file, closing its channels first. */
    void delete() throws IOException {
        seal();
        closeReader();
        Files.deleteIfExists(path);
    }

    void closeReader() {
        if (reader == null) {
            return;
        }
        closeQuietly(reader, null);
        reader = null;
    }

    Collection<Located> pending() {
        return pending.values();
    }

    int pendingCount() {
        return pending.size();
    }

    long pendingBytes() {
        return pendingBytes;
    }

    long size() {
        return size;
    }

    long firstId() {
        return firstId;
    }

    Path path() {
        return path;
    }

    private void index(SpoolEntry entry, long offset) {
        if (pending.putIfAbsent(entry.id(), new Located(entry, offset)) == null) {
            pendingBytes += entry.payloadBytes();
        }
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing frees the descriptor; a failure here changes nothing we can act on. Keep it if someone reports.
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
