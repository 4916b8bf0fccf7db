package io.logship.intake;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, so that two intakes never share one database: H2 locks its file against
 * other processes only, and a second intake in the same JVM would silently share the first one's database.
 *
 * <p>Held through a lock file; released by {@link #close()} or when the process ends.
 */
final class DirectoryLock implements AutoCloseable {
    /** The lock file's name inside the data directory. */
    static final String LOCK_FILE = "intake.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails at once if another intake (in this JVM or another process) holds it. */
    static DirectoryLock acquire(Path directory) throws IOException {
        FileChannel channel =
                FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another intake in this JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("it is in use by another running intake");
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Releasing on shutdown: the OS drops the lock with the file descriptor anyway.
        }
    }
}
