package io.logship.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The optional disk spool that holds batches until the intake acknowledges them.
 *
 * @param path          the spool directory; empty means no spool (memory only)
 * @param maxBytes      bytes on disk at most; past it inputs apply backpressure
 * @param fsync         when writes are forced to the device
 * @param fsyncInterval the interval for {@link FsyncPolicy#INTERVAL}
 */
public record Spool(Optional<Path> path, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval) {
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.EVERY_BATCH;
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);

    public boolean enabled() {
        return path.isPresent();
    }
}
