package io.logship.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held through a lock file inside it, so that two owners (two agents on one
 * spool, two intakes on one database) never write into the same directory: not in two processes, and not twice in
 * one process (where a file lock alone would not stop a second owner). Released by {@link #close()} or when the
 * process ends.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code directory} (which must exist), or fails at once.
     *
     * @param lockFile the lock file's name inside the directory ({@code spool.lock}, {@code intake.lock})
     * @param what what the directory holds, for the message ({@code "spool"}, {@code "intake database"})
     * @throws DirectoryLockedException if another process, or another owner in this process, holds it
     * @throws IOException if the lock file cannot be created or locked; the message names the file
     */
    public static DirectoryLock acquire(Path directory, String lockFile, String what) throws IOException {
        Path file = directory.resolve(lockFile);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException(
                    "cannot open the " + what + " in " + directory + ": cannot create " + file + " (" + e + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new DirectoryLockedException(what, directory, file, true);
        } catch (IOException e) {
            channel.close();
            throw new IOException(
                    "cannot open the " + what + " in " + directory + ": cannot lock " + file + " (" + e + ")", e);
        }
        if (lock == null) {
            channel.close();
            throw new DirectoryLockedException(what, directory, file, false);
        }
        return new DirectoryLock(channel, lock);
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            channel.close(); // releases the lock with it
        } catch (IOException e) {
            // Nothing to do: the OS drops the lock with the file descriptor at the latest when the process ends.
        }
    }
}
