package io.logship.config;

/** When the disk spool forces its writes to the device. */
public enum FsyncPolicy {
    /** After every batch: nothing acknowledged by the spool is lost on power loss; slowest. */
    EVERY_BATCH,
    /** At most every {@code spool.fsync_interval}: a power loss can lose that interval's batches. */
    INTERVAL
}
