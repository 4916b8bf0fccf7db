package io.logship.logback;

import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A {@link FileAppender} that reopens its file when something else moved or deleted it, as Python's
 * {@code WatchedFileHandler} (daiquiri's file output) does: before each record it compares the file at its path
 * with the one it has open (device and inode, {@link BasicFileAttributes#fileKey()}), and opens the path again
 * when they differ or the path is gone. So an external {@code logrotate} (rename, then {@code create} or not)
 * needs no {@code copytruncate} and no signal: the first record after the rotation goes to the new file.
 *
 * <p>The cost is one {@code stat} per record. Where the file system has no file keys (not Linux or macOS), it
 * behaves as a plain {@link FileAppender}. Usable from {@code logback.xml} like {@code FileAppender}.
 *
 * @param <E> the event type
 */
public class WatchedFileAppender<E> extends FileAppender<E> {

    private volatile Object openedKey;

    @Override
    public void openFile(String fileName) throws IOException {
        streamWriteLock.lock();
        try {
            super.openFile(fileName);
            openedKey = keyOf(Path.of(fileName));
        } finally {
            streamWriteLock.unlock();
        }
    }

    @Override
    protected void subAppend(E event) {
        Object opened = openedKey;
        if (opened != null && isStarted() && !opened.equals(keyOf(Path.of(getFile())))) {
            reopen(opened);
        }
        super.subAppend(event);
    }

    private void reopen(Object seen) {
        streamWriteLock.lock();
        try {
            if (openedKey != seen) {
                return; // another thread reopened it meanwhile
            }
            openFile(getFile());
        } catch (IOException e) {
            addError("could not reopen " + getFile() + " after it was moved", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** The file's identity, or {@code null} when the path does not exist (or the file system has none). */
    private static Object keyOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) { // NoSuchFileException: moved away and not recreated
            return null;
        }
    }
}
