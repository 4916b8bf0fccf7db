package io.logship.agent.buffer.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The write-ahead journal of one event loop's open batch: records are written here as they are read, so that a
 * killed process loses none of them, and the journal is reset once their batch is in the {@link DiskSpool}.
 *
 * <p><b>Layout.</b> A file header (magic, generation) at offset 0, then frames:
 * <pre>
 *   0  int   magic             {@value #FRAME_MAGIC}
 *   4  int   type              RECORDS, SEAL (the batch so far is finished) or SPOOLED (the oldest sealed batch
 *                              not yet marked is in the spool)
 *   8  long  generation        the file header's; frames of an older generation are ignored
 *  16  int   records
 *  20  int   payload length
 *  24  int   CRC32C            of bytes 4..24 and the payload
 *  28  ...   payload           RECORDS: bytes of the batch's JSON array ({@code [} or {@code ,} then a record ...)
 * </pre>
 * {@link #reset()} starts a new generation by rewriting only the 16-byte header, so the old frames become invisible
 * at once. Reading stops at the first frame that does not check out (a torn tail, or the preallocated zeros).
 *
 * <p><b>Disk full.</b> The file is preallocated with zeros when created, so writes within that size need no new
 * blocks and still succeed on a full disk (on file systems that overwrite in place: ext4, xfs; not copy-on-write
 * ones).
 *
 * <p>Not thread-safe: owned by one event loop. Writes go to the page cache (survive {@code kill -9}); they are not
 * forced: a power loss can lose the open batch.
 */
public final class BatchJournal implements AutoCloseable {
    /** File name prefix; files are {@code journal-<n>.wal} in the spool's journal directory. */
    public static final String SUFFIX = ".wal";

    static final long FILE_MAGIC = 0x4C53_4A52_4E4C_0001L;
    static final int FILE_HEADER_BYTES = 16;
    static final int FRAME_MAGIC = 0x4C53_4A46;
    static final int FRAME_HEADER_BYTES = 28;
    static final int RECORDS = 1;
    static final int SEAL = 2;
    static final int SPOOLED = 3;
    private static final int ZEROS_CHUNK = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer fileHeader = ByteBuffer.allocate(FILE_HEADER_BYTES);
    private final CRC32C crc = new CRC32C();
    private long generation;
    private long position;

    private BatchJournal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates a new journal file (it must not exist), preallocated to {@code preallocateBytes}.
     *
     * @throws IOException when the file cannot be created or written; the message names it
     */
    public static BatchJournal create(Path path, long preallocateBytes) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot create spool journal " + path + ": " + e, e);
        }
        BatchJournal journal = new BatchJournal(path, channel);
        try {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZEROS_CHUNK, Math.max(1, preallocateBytes)));
            for (long at = 0; at < preallocateBytes; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), preallocateBytes - at));
                at += channel.write(zeros, at);
            }
            journal.reset();
            channel.force(true); // the file and its size exist before anything relies on them
        } catch (IOException e) {
            journal.close();
            throw new IOException("cannot preallocate spool journal " + path + ": " + e, e);
        }
        return journal;
    }

    /** Appends the records added to the open batch: {@code payload} from position to limit (not changed). */
    public void records(ByteBuffer payload, int records) throws IOException {
        frame(RECORDS, records, payload);
    }

    /** The batch written so far is finished (and was refused by the spool: it stays here until it fits). */
    public void seal() throws IOException {
        frame(SEAL, 0, ByteBuffer.allocate(0));
    }

    /** The oldest sealed batch here that was not yet marked is now in the spool. */
    public void spooled() throws IOException {
        frame(SPOOLED, 0, ByteBuffer.allocate(0));
    }

    /** Forgets everything written (its batches are in the spool): one 16-byte write at offset 0. */
    public void reset() throws IOException {
        long next = generation + 1;
        fileHeader.clear();
        fileHeader.putLong(FILE_MAGIC).putLong(next).flip();
        writeFully(fileHeader, 0);
        generation = next;
        position = FILE_HEADER_BYTES;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void frame(int type, int records, ByteBuffer payload) throws IOException {
        ByteBuffer body = payload.duplicate();
        header.clear();
        header.putInt(FRAME_MAGIC)
                .putInt(type)
                .putLong(generation)
                .putInt(records)
                .putInt(body.remaining());
        header.putInt(checksum(crc, header, body));
        header.flip();
        long at = position;
        writeFully(header, at);
        writeFully(body, at + FRAME_HEADER_BYTES);
        position = at + FRAME_HEADER_BYTES + payload.remaining();
    }

    private void writeFully(ByteBuffer buffer, long at) throws IOException {
        try {
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new IOException("cannot write spool journal " + path + ": " + e, e);
        }
    }

    private static int checksum(CRC32C crc, ByteBuffer header, ByteBuffer payload) {
        crc.reset();
        crc.update(header.array(), 4, 20);
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    /** A batch read back from a journal: a complete JSON array and its record count. */
    public record Recovered(byte[] json, int records) {}

    /**
     * Reads the batches a journal holds that are not yet in the spool: the sealed ones not marked spooled, then the
     * open one. Never fails on content: reading stops at the first frame that does not check out.
     *
     * @throws IOException when the file cannot be read (the message names it)
     */
    public static List<Recovered> recover(Path path) throws IOException {
        ByteBuffer file;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("spool journal too large to read: " + path);
            }
            file = ByteBuffer.allocate((int) size);
            while (file.hasRemaining() && channel.read(file) >= 0) {
                // read it all
            }
            file.flip();
        } catch (IOException e) {
            throw new IOException("cannot read spool journal " + path + ": " + e, e);
        }
        List<Recovered> batches = new ArrayList<>();
        if (file.remaining() < FILE_HEADER_BYTES || file.getLong(0) != FILE_MAGIC) {
            return batches;
        }
        long generation = file.getLong(8);
        CRC32C crc = new CRC32C();
        ByteArrayOutputStream open = new ByteArrayOutputStream();
        int openRecords = 0;
        int spooled = 0;
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        for (int at = FILE_HEADER_BYTES; at + FRAME_HEADER_BYTES <= file.limit(); ) {
            if (file.getInt(at) != FRAME_MAGIC || file.getLong(at + 8) != generation) {
                break;
            }
            int type = file.getInt(at + 4);
            int records = file.getInt(at + 16);
            int length = file.getInt(at + 20);
            int payloadAt = at + FRAME_HEADER_BYTES;
            if (length < 0 || records < 0 || length > file.limit() - payloadAt) {
                break;
            }
            header.clear();
            header.put(file.duplicate().position(at).limit(at + FRAME_HEADER_BYTES))
                    .flip();
            ByteBuffer payload = file.duplicate().position(payloadAt).limit(payloadAt + length);
            if (checksum(crc, header, payload) != file.getInt(at + 24)) {
                break;
            }
            if (type == RECORDS) {
                open.write(file.array(), payloadAt, length);
                openRecords += records;
            } else if (type == SEAL) {
                if (openRecords > 0) {
                    batches.add(finish(open, openRecords));
                }
                open.reset();
                openRecords = 0;
            } else if (type == SPOOLED) {
                spooled++;
            } else {
                break;
            }
            at = payloadAt + length;
        }
        if (openRecords > 0) {
            batches.add(finish(open, openRecords));
        }
        return new ArrayList<>(batches.subList(Math.min(spooled, batches.size()), batches.size()));
    }

    private static Recovered finish(ByteArrayOutputStream open, int records) {
        open.write(']');
        return new Recovered(open.toByteArray(), records);
    }

    /** The journal files in {@code dir}, oldest name first; none if the directory does not exist. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var stream = Files.newDirectoryStream(dir, "journal-*" + SUFFIX)) {
            for (Path p : stream) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }
}
