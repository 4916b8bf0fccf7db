package io.logship.agent.buffer.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one segment file on start and finds every intact entry in it, skipping damage.
 *
 * <p>Entries are walked by their length fields. Where an entry does not check out (bad magic, impossible length,
 * checksum mismatch), the scanner looks for the next entry magic whose entry does check out and resumes there. The
 * bytes in between are one damaged region: counted as a corrupt entry when a good entry follows, or as a torn tail
 * when the damage runs to the end of the file with a partial entry (what a crash mid-write leaves).
 *
 * <p>Not thread-safe; used once per segment by {@link DiskSpool#open}.
 */
final class SegmentScanner {
    /** One intact entry and the offset of its header. */
    record Found(SpoolEntry entry, long offset) {}

    /** What one segment held. */
    record Result(List<Found> entries, long fileBytes, int corruptRegions, boolean tornTail, long bytesSkipped) {}

    private SegmentScanner() {}

    static Result scan(Path path, FileOpener opener) throws IOException {
        try (FileChannel channel = opener.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            // Segments are at most SpoolConfig.MAX_SEGMENT_BYTES plus one entry; anything past 2 GiB is not ours.
            int mapped = (int) Math.min(size, Integer.MAX_VALUE);
            ByteBuffer buf =
                    mapped == 0 ? ByteBuffer.allocate(0) : channel.map(FileChannel.MapMode.READ_ONLY, 0, mapped);
            return scan(buf, size);
        }
    }

    static Result scan(ByteBuffer buf, long fileBytes) {
        int end = buf.limit();
        List<Found> entries = new ArrayList<>();
        if (end < EntryFormat.FILE_HEADER_BYTES) {
            // Created but its header never fully written: a crash right after the roll.
            return new Result(entries, fileBytes, 0, end > 0, end);
        }
        int corrupt = 0;
        long skipped = 0;
        int pos = buf.getLong(0) == EntryFormat.FILE_MAGIC ? EntryFormat.FILE_HEADER_BYTES : 0;
        int damageStart = pos == 0 ? 0 : -1;
        while (pos < end) {
            SpoolEntry entry = EntryFormat.decode(buf, pos);
            if (entry != null) {
                if (damageStart >= 0) {
                    corrupt++;
                    skipped += pos - damageStart;
                    damageStart = -1;
                }
                entries.add(new Found(entry, pos));
                pos += (int) EntryFormat.entryBytes(entry.payloadBytes());
                continue;
            }
            if (damageStart < 0) {
                damageStart = pos;
            }
            pos = nextMagic(buf, pos + 1);
        }
        boolean torn = false;
        if (damageStart >= 0) {
            skipped += end - damageStart;
            torn = runsPastEnd(buf, damageStart);
            if (!torn) {
                corrupt++;
            }
        }
        return new Result(entries, fileBytes, corrupt, torn, skipped);
    }

    /** Whether the damage at {@code start} is a partial entry cut off by the end of the file. */
    private static boolean runsPastEnd(ByteBuffer buf, int start) {
        int remaining = buf.limit() - start;
        if (remaining < EntryFormat.HEADER_BYTES) {
            return true;
        }
        if (!EntryFormat.plausibleHeader(buf, start)) {
            return false;
        }
        return EntryFormat.entryBytes(buf.getInt(start + 4)) > remaining;
    }

    private static int nextMagic(ByteBuffer buf, int from) {
        int last = buf.limit() - 4;
        for (int i = from; i <= last; i++) {
            if (buf.getInt(i) == EntryFormat.ENTRY_MAGIC) {
                return i;
            }
        }
        return buf.limit();
    }
}
