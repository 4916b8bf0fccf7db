package io.logship.agent.buffer.spool;

/**
 * A snapshot of one {@link DiskSpool}'s size and counters. Counters are totals since {@link DiskSpool#open}.
 *
 * @param sizeBytes bytes of all segment files, acknowledged-but-not-yet-freed entries included
 * @param segments segment files on disk
 * @param pendingEntries entries not yet acknowledged
 * @param pendingBytes payload bytes of those entries
 * @param corruptEntriesSkipped damaged regions skipped while replaying (bad checksum, bad header): data lost
 * @param tornTails segments that ended in a partial entry (a crash mid-write): the partial entry is lost
 * @param bytesSkipped bytes inside those damaged regions and torn tails
 * @param fullRejections appends answered {@link AppendResult.Status#FULL}
 * @param appendFailures appends answered {@link AppendResult.Status#FAILED}
 * @param fsyncs forces of segment data to disk
 * @param deleteFailures failed attempts to delete a fully acknowledged segment (retried later)
 */
public record SpoolStats(
        long sizeBytes,
        int segments,
        int pendingEntries,
        long pendingBytes,
        long corruptEntriesSkipped,
        long tornTails,
        long bytesSkipped,
        long fullRejections,
        long appendFailures,
        long fsyncs,
        long deleteFailures) {}
