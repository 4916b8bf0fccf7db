package io.logship.agent.buffer.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code acks.log}: the ids of acknowledged entries whose segment still exists, 8 bytes each, appended on every
 * acknowledgement so a crash ({@code kill -9}) does not replay batches the intake already took.
 *
 * <p>Durability: appends are not forced (they reach the page cache, which a killed process does not lose); after a
 * power loss the missing ids only cause duplicates, never loss. A partial id at the end (a torn write) is ignored.
 * An I/O error while appending is counted by the caller and otherwise ignored, for the same reason.
 *
 * <p>Size: rewritten ({@link #rewrite}) at start and whenever it has grown past a few times the live ids.
 *
 * <p>Not thread-safe: {@link DiskSpool} calls it under its lock.
 */
final class AckLog implements AutoCloseable {
    static final String FILE_NAME = "acks.log";
    private static final String TMP_NAME = "acks.log.tmp";

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
    private FileChannel channel;
    private long sizeBytes;

    private AckLog(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /** Opens the log in {@code dir}; {@link #readAll()} first, then {@link #rewrite} to start appending. */
    static AckLog in(Path dir) {
        return new AckLog(dir);
    }

    /** Every complete id in the file (none if it does not exist). */
    Set<Long> readAll() throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
        while (all.remaining() >= Long.BYTES) {
            ids.add(all.getLong());
        }
        return ids;
    }

    /** Replaces the file with exactly {@code ids} (atomically), and appends after them from now on. */
    void rewrite(Collection<Long> ids) throws IOException {
        closeChannel();
        Path tmp = file.resolveSibling(TMP_NAME);
        ByteBuffer out = ByteBuffer.allocate(ids.size() * Long.BYTES);
        for (long id : ids) {
            out.putLong(id);
        }
        out.flip();
        try (FileChannel c = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                c.write(out);
            }
            c.force(false);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        sizeBytes = (long) ids.size() * Long.BYTES;
    }

    /** Appends one id. */
    void record(long id) throws IOException {
        if (channel == null) {
            throw new IOException("the acknowledgement log " + file + " is not open");
        }
        buffer.clear();
        buffer.putLong(id).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        sizeBytes += Long.BYTES;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close();
        }
    }
}
