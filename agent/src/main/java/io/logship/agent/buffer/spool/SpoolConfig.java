package io.logship.agent.buffer.spool;

import io.logship.config.FsyncPolicy;
import io.logship.config.Spool;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits and durability of one {@link DiskSpool}.
 *
 * @param maxBytes ceiling for all segment files together; an append that would pass it gets
 *     {@link AppendResult.Status#FULL} (backpressure). At least {@link #MIN_MAX_BYTES}.
 * @param segmentBytes a segment is closed and a new one started when the next entry would pass this size; at least
 *     {@link #MIN_SEGMENT_BYTES} and at most {@code maxBytes} and {@link #MAX_SEGMENT_BYTES}. Acknowledged space is
 *     freed a whole segment at a time, so up to one segment of acknowledged entries can still count against
 *     {@code maxBytes}.
 * @param fsync when appends are forced to disk
 * @param fsyncInterval the interval for {@link FsyncPolicy#INTERVAL}; ignored for {@link FsyncPolicy#EVERY_BATCH};
 *     {@code > 0}
 */
public record SpoolConfig(long maxBytes, long segmentBytes, FsyncPolicy fsync, Duration fsyncInterval) {
    /** Default spool ceiling: {@code spool.max_bytes}'s, declared once in {@link Spool#DEFAULT_MAX_BYTES} (1 GiB). */
    public static final long DEFAULT_MAX_BYTES = Spool.DEFAULT_MAX_BYTES;
    /** Default segment size: {@value} bytes (64 MiB); Vector uses 128 MiB data files. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    /** Default durability: {@code spool.fsync}'s, declared once in {@link Spool#DEFAULT_FSYNC}. */
    public static final FsyncPolicy DEFAULT_FSYNC = Spool.DEFAULT_FSYNC;
    /** Default force interval for {@link FsyncPolicy#INTERVAL}: {@link Spool#DEFAULT_FSYNC_INTERVAL}. */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Spool.DEFAULT_FSYNC_INTERVAL;
    /** Smallest accepted {@code maxBytes}: {@value} bytes. Below it not even a small batch fits. */
    public static final long MIN_MAX_BYTES = 4096;
    /** Smallest accepted {@code segmentBytes}: {@value} bytes. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** Largest accepted {@code segmentBytes}: {@value} bytes (1 GiB); replay maps one whole segment at a time. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;

    /** @throws IllegalArgumentException when a value is out of range; the message names the key and the value */
    public SpoolConfig {
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be >= " + MIN_MAX_BYTES + ": " + maxBytes);
        }
        long segmentCeiling = Math.min(maxBytes, MAX_SEGMENT_BYTES);
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > segmentCeiling) {
            throw new IllegalArgumentException(
                    "segmentBytes must be in [" + MIN_SEGMENT_BYTES + ", " + segmentCeiling + "]: " + segmentBytes);
        }
        if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
            throw new IllegalArgumentException("fsyncInterval must be > 0: " + fsyncInterval);
        }
    }

    /**
     * A config with the given ceiling and policy, and a segment size of an eighth of the ceiling, between
     * {@link #MIN_SEGMENT_BYTES} and {@link #DEFAULT_SEGMENT_BYTES}.
     */
    public static SpoolConfig of(long maxBytes, FsyncPolicy fsync, Duration fsyncInterval) {
        long segment = Math.min(DEFAULT_SEGMENT_BYTES, Math.max(MIN_SEGMENT_BYTES, maxBytes / 8));
        return new SpoolConfig(maxBytes, segment, fsync, fsyncInterval);
    }

    /** {@link #DEFAULT_MAX_BYTES}, {@link #DEFAULT_SEGMENT_BYTES}, {@link #DEFAULT_FSYNC}, {@link #DEFAULT_FSYNC_INTERVAL}. */
    public static SpoolConfig defaults() {
        return new SpoolConfig(DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_FSYNC, DEFAULT_FSYNC_INTERVAL);
    }
}
