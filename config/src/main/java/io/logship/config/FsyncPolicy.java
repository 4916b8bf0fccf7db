package io.logship.config;

/**
 * When the disk spool ({@code spool.fsync}) forces appended bytes to stable storage (a {@code fdatasync}).
 *
 * <p>A process crash ({@code kill -9}, OOM kill) loses nothing under either policy: written bytes sit in the
 * kernel's page cache and survive the process. The policies differ only on power loss or a kernel crash.
 */
public enum FsyncPolicy {
    /**
     * Force after every append, before the append returns: an appended batch survives power loss. Costs one disk
     * flush per batch (on the order of 1 to 10 ms on SSDs, far more on spinning disks).
     */
    EVERY_BATCH,
    /**
     * Force at most once per {@code spool.fsync_interval}: on an append when the last force is older than the
     * interval, on a sync timer, on a segment roll and on close. Power loss can lose up to one interval of batches
     * (Vector's disk buffer does the same, every 500 ms).
     */
    INTERVAL
}
