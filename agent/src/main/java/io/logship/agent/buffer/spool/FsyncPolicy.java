package io.logship.agent.buffer.spool;

/**
 * When {@link DiskSpool} forces appended bytes to stable storage (a {@code fdatasync}).
 *
 * <p>A process crash ({@code kill -9}, OOM kill) loses nothing under either policy: written bytes sit in the
 * kernel's page cache and survive the process. The policies differ only on power loss or a kernel crash.
 */
public enum FsyncPolicy {
    /**
     * Force after every append, before {@code append} returns: an appended batch survives power loss. Costs one
     * disk flush per batch (on the order of 1 to 10 ms on SSDs, far more on spinning disks).
     */
    EVERY_BATCH,
    /**
     * Force at most once per interval: on an append when the last force is older than the interval, on
     * {@link DiskSpool#sync()}, on a segment roll and on {@link DiskSpool#close()}. Power loss can lose up to one
     * interval of batches (Vector's disk buffer does the same, every 500 ms). The owner should call
     * {@code sync()} from a timer so a quiet spool is not left unsynced.
     */
    INTERVAL
}
