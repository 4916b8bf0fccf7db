package io.logship.support;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data directory is held by another process, or is already open in this one: thrown by {@link
 * DirectoryLock#acquire} so that a caller (the command line) can catch exactly this case and print its one-line
 * message, which names what could not be opened, the directory, and who holds it.
 */
public final class DirectoryLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    DirectoryLockedException(String what, Path directory, Path lockFile, boolean sameProcess) {
        super("cannot open the " + what + " in " + directory + ": "
                + (sameProcess
                        ? "it is already open in this process"
                        : "another process holds it (lock file " + lockFile + ")"));
        this.directory = directory;
    }

    /** The directory that is held. */
    public Path directory() {
        return directory;
    }
}
