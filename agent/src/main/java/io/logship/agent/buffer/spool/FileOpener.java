package io.logship.agent.buffer.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** Opens segment files; a seam so tests can inject a channel that fails like a full disk. */
@FunctionalInterface
interface FileOpener {
    FileOpener DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
