package io.logship.agent.buffer.spool;

import io.logship.support.DirectoryLock;
import io.logship.support.DirectoryLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's directory: created and checked on open, held with an exclusive lock on {@code spool.lock} so that a
 * second agent (or a second spool in this process) cannot write into it, and listed for replay.
 *
 * <p>Not thread-safe: {@link DiskSpool} calls it under its lock.
 */
final class SpoolDirectory {
    static final String LOCK_FILE = "spool.lock";

    private final Path dir;
    private final DirectoryLock lock;

    private SpoolDirectory(Path dir, DirectoryLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and takes its lock; every failure names the path.
     *
     * @throws DirectoryLockedException if another process or another spool holds the directory
     */
    static SpoolDirectory acquire(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create spool directory " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("spool directory is not writable: " + dir);
        }
        return new SpoolDirectory(dir, DirectoryLock.acquire(dir, LOCK_FILE, "spool"));
    }

    /** Segment files, oldest first (fixed-width ids make name order age order); stray names are left out. */
    List<Path> segmentFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Segment.GLOB)) {
            for (Path file : stream) {
                if (Segment.parseFirstId(file) >= 0) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** Makes a new segment's directory entry durable; best effort where directories cannot be opened. */
    void sync() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the file's own fsync still covers its data there.
        }
    }

    /** Releases the lock. Idempotent. */
    void release() {
        lock.close();
    }

    Path path() {
        return dir;
    }
}
