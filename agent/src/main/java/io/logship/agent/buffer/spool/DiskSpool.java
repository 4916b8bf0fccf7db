package io.logship.agent.buffer.spool;

import io.logship.config.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A durable queue of batches on local disk: batches are appended before they are sent and removed only when
 * {@link #acknowledge(long) acknowledged} (after a 2xx, or a counted permanent drop).
 *
 * <p><b>Layout.</b> Append-only segment files {@code segment-<first id, 20 digits>.spool} in one directory, so
 * names sort oldest first; each entry carries a CRC32C (format in {@code EntryFormat}). A segment file is deleted
 * once every entry in it is acknowledged and it is no longer being written. A {@code spool.lock} file keeps a second
 * process (or a second instance) out of the directory.
 *
 * <p><b>Replay.</b> {@link #open} scans every segment: intact entries become {@link #pending()} (oldest first), a
 * damaged region or torn tail is skipped and counted ({@link SpoolStats#corruptEntriesSkipped()},
 * {@link SpoolStats#tornTails()}), and opening never fails because of the content of a segment. Appends after a
 * restart go to a new segment; old segments are never written again.
 *
 * <p><b>Limits and failures.</b> {@link #append} answers {@link AppendResult.Status#FULL} when the spool would pass
 * {@code maxBytes} (backpressure), {@code TOO_LARGE} for a payload that can never fit, and {@code FAILED} with an
 * {@link IOException} naming the file when the disk is full or unwritable; nothing is kept in those cases, the caller
 * still owns the batch, and the spool stays usable. Only {@link #open} throws for I/O, with a message naming the
 * path.
 *
 * <p><b>Thread-safety.</b> Every method takes one internal lock, so any number of threads may call it; the intended
 * use is one appending thread and one acknowledging thread. Appends do disk I/O (and an fsync under
 * {@link FsyncPolicy#EVERY_BATCH}) under that lock: never call it from a Netty event loop.
 *
 * <p><b>Pitfalls.</b> Acknowledgements of entries whose segment still exists are appended, unforced, to
 * {@code acks.log} ({@code AckLog}), so a killed process does not replay them; after a power loss (or an
 * {@code acks.log} write error) acknowledged entries of a segment that still had pending ones may be replayed
 * again (at-least-once: duplicates, never loss). {@link #read} loads a
 * whole payload onto the heap. Under {@link FsyncPolicy#INTERVAL}, call {@link #sync()} from a timer.
 */
public final class DiskSpool implements AutoCloseable {
    private final Path dir;
    private final SpoolDirectory directory;
    private final SpoolConfig config;
    private final FileOpener opener;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Every segment on disk, by first id: oldest first. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** Reused for every entry header: appends are serialised by {@link #lock}. */
    private final ByteBuffer header = ByteBuffer.allocate(EntryFormat.HEADER_BYTES);
    /** Acknowledged ids whose segment still exists: what {@link #acks} must remember across a crash. */
    private final TreeSet<Long> ackedLive = new TreeSet<>();

    private AckLog acks;
    private long ackLogFailures;
    private Segment active;
    private long nextId;
    private long sizeBytes;
    private boolean unsynced;
    private long lastSyncNanos;
    private boolean closed;
    private long corruptEntriesSkipped;
    private long tornTails;
    private long bytesSkipped;
    private long fullRejections;
    private long appendFailures;
    private long fsyncs;
    private long deleteFailures;

    private DiskSpool(SpoolDirectory directory, SpoolConfig config, FileOpener opener, LongSupplier nanoClock) {
        this.dir = directory.path();
        this.directory = directory;
        this.config = config;
        this.opener = opener;
        this.nanoClock = nanoClock;
        this.lastSyncNanos = nanoClock.getAsLong();
    }

    /** {@link #open(Path, SpoolConfig)} with {@link SpoolConfig#of(long, FsyncPolicy, Duration)}. */
    public static DiskSpool open(Path dir, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval)
            throws IOException {
        return open(dir, SpoolConfig.of(maxBytes, fsync, fsyncInterval));
    }

    /**
     * Opens (creating if needed) the spool in {@code dir} and replays what is there.
     *
     * @throws IOException when the directory cannot be created, is not a writable directory, or is in use by
     *     another spool; the message names the path. Damaged segment content never throws: it is counted.
     */
    public static DiskSpool open(Path dir, SpoolConfig config) throws IOException {
        return open(dir, config, FileOpener.DEFAULT, System::nanoTime);
    }

    static DiskSpool open(Path dir, SpoolConfig config, FileOpener opener, LongSupplier nanoClock) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        SpoolDirectory directory = SpoolDirectory.acquire(dir);
        DiskSpool spool = new DiskSpool(directory, config, opener, nanoClock);
        try {
            spool.replay();
        } catch (IOException | RuntimeException e) {
            directory.release();
            throw e;
        }
        return spool;
    }

    /** {@link #append(ByteBuffer, int, int)} for a whole array. */
    public AppendResult append(byte[] payload, int recordCount, int attributes) {
        return append(ByteBuffer.wrap(payload), recordCount, attributes);
    }

    /**
     * Stores one batch; see {@link AppendResult.Status} for every answer. The payload's position and limit are not
     * changed, and the spool keeps no reference to it.
     *
     * @param payload the bytes from position to limit
     * @param recordCount records in the batch, {@code ≥ 0}, stored for replay counters
     * @param attributes an opaque int stored with the batch (e.g. its content encoding)
     * @throws IllegalStateException when the spool is closed
     */
    public AppendResult append(ByteBuffer payload, int recordCount, int attributes) {
        return append(payload, recordCount, attributes, true, false);
    }

    /**
     * As {@link #append(ByteBuffer, int, int)}, but never forces to disk: the caller runs {@link #sync()} per the
     * policy from a thread of its own (group commit). For appends from an event loop, where an fsync must not run.
     */
    public AppendResult appendUnforced(ByteBuffer payload, int recordCount, int attributes) {
        return append(payload, recordCount, attributes, false, false);
    }

    /**
     * Stores a batch recovered at start (from a write-ahead journal) even past {@code maxBytes}: it was accepted
     * before the crash, and refusing it would lose it. Not forced; call {@link #sync()}.
     */
    public AppendResult appendRecovered(ByteBuffer payload, int recordCount, int attributes) {
        return append(payload, recordCount, attributes, false, true);
    }

    private AppendResult append(
            ByteBuffer payload, int recordCount, int attributes, boolean mayForce, boolean pastLimit) {
        Objects.requireNonNull(payload, "payload");
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount must be >= 0: " + recordCount);
        }
        lock.lock();
        try {
            ensureOpen();
            retryDeletes();
            long need = EntryFormat.entryBytes(payload.remaining());
            if (payload.remaining() > EntryFormat.MAX_PAYLOAD_BYTES
                    || (!pastLimit && need + EntryFormat.FILE_HEADER_BYTES > config.maxBytes())) {
                return AppendResult.tooLarge();
            }
            if (!makeRoom(need) && !pastLimit) {
                fullRejections++;
                return AppendResult.full();
            }
            return write(payload, recordCount, attributes, mayForce);
        } finally {
            lock.unlock();
        }
    }

    /** The pending entries, oldest first: a snapshot. */
    public List<SpoolEntry> pending() {
        lock.lock();
        try {
            List<SpoolEntry> out = new ArrayList<>();
            for (Segment segment : segments.values()) {
                for (Segment.Located located : segment.pending()) {
                    out.add(located.entry());
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads a pending entry's payload from disk and checks its checksum again.
     *
     * @throws IllegalArgumentException when the entry is not pending (unknown or acknowledged)
     * @throws IOException when the file cannot be read or the entry no longer checks out (message names the file);
     *     the caller should count it as a corrupt drop and {@link #acknowledge} it
     */
    public byte[] read(SpoolEntry entry) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            Map.Entry<Long, Segment> owner = segments.floorEntry(entry.id());
            Segment.Located located = owner == null ? null : owner.getValue().located(entry.id());
            if (located == null) {
                throw new IllegalArgumentException("no pending spool entry with id " + entry.id());
            }
            return owner.getValue().read(located);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks an entry delivered (or permanently dropped); its segment file is deleted once it holds nothing pending
     * and is not being written.
     *
     * @return true if the entry was pending, false if unknown or already acknowledged (idempotent)
     */
    public boolean acknowledge(long id) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            Map.Entry<Long, Segment> owner = segments.floorEntry(id);
            if (owner == null || !owner.getValue().acknowledge(id)) {
                return false;
            }
            Segment segment = owner.getValue();
            if (segment.pendingCount() == 0 && segment.isSealed()) {
                deleteSegment(segment);
            } else {
                ackedLive.add(id);
                logAck(id);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces appended data to disk now (for {@link FsyncPolicy#INTERVAL} timers, and the group commit of
     * {@link #appendUnforced}). The fsync runs outside the spool's lock, so appends go on meanwhile.
     */
    public void sync() throws IOException {
        Segment target;
        lock.lock();
        try {
            ensureOpen();
            if (!unsynced || active == null) {
                return;
            }
            target = active;
            unsynced = false;
            lastSyncNanos = nanoClock.getAsLong();
            fsyncs++;
        } finally {
            lock.unlock();
        }
        try {
            target.force();
        } catch (IOException e) {
            lock.lock();
            try {
                if (target.isSealed()) {
                    return; // rolled or deleted meanwhile: a roll forces it, a delete needs none
                }
                unsynced = true;
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /** Whether appends are waiting for {@link #sync()}. */
    public boolean unsynced() {
        lock.lock();
        try {
            return unsynced;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of all segment files, acknowledged-but-not-yet-freed entries included. */
    public long sizeBytes() {
        lock.lock();
        try {
            return sizeBytes;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of sizes and counters. */
    public SpoolStats stats() {
        lock.lock();
        try {
            int pendingEntries = 0;
            long pendingBytes = 0;
            for (Segment segment : segments.values()) {
                pendingEntries += segment.pendingCount();
                pendingBytes += segment.pendingBytes();
            }
            return new SpoolStats(
                    sizeBytes,
                    segments.size(),
                    pendingEntries,
                    pendingBytes,
                    corruptEntriesSkipped,
                    tornTails,
                    bytesSkipped,
                    fullRejections,
                    appendFailures,
                    fsyncs,
                    deleteFailures);
        } finally {
            lock.unlock();
        }
    }

    public Path directory() {
        return dir;
    }

    public SpoolConfig config() {
        return config;
    }

    /**
     * Forces unsynced data, frees the active segment if nothing in it is pending, and releases the directory.
     * Idempotent. Pending entries stay on disk for the next {@link #open}.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            try {
                forceActive();
            } catch (IOException e) {
                failure = e;
            }
            if (active != null) {
                active.seal();
                if (active.pendingCount() == 0) {
                    deleteSegment(active);
                }
                active = null;
            }
            for (Segment segment : segments.values()) {
                segment.closeReader();
            }
            try {
                acks.rewrite(ackedLive);
                acks.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            directory.release();
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Test seam: drops every file handle as a killed process would, with no fsync and no cleanup. */
    void simulateCrash() throws IOException {
        lock.lock();
        try {
            closed = true;
            for (Segment segment : segments.values()) {
                segment.seal();
                segment.closeReader();
            }
            acks.close();
            directory.release();
        } finally {
            lock.unlock();
        }
    }

    private void replay() throws IOException {
        acks = AckLog.in(dir);
        Set<Long> acked = acks.readAll();
        for (Path file : directory.segmentFiles()) {
            long firstId = Segment.parseFirstId(file);
            SegmentScanner.Result scan = SegmentScanner.scan(file, opener);
            corruptEntriesSkipped += scan.corruptRegions();
            bytesSkipped += scan.bytesSkipped();
            if (scan.tornTail()) {
                tornTails++;
            }
            Segment segment = Segment.recovered(file, firstId, opener, scan);
            nextId = Math.max(nextId, firstId + 1);
            for (SegmentScanner.Found found : scan.entries()) {
                nextId = Math.max(nextId, found.entry().id() + 1);
            }
            segments.put(firstId, segment);
            sizeBytes += segment.size();
        }
        for (long id : acked) {
            Map.Entry<Long, Segment> owner = segments.floorEntry(id);
            if (owner != null && owner.getValue().acknowledge(id)) {
                ackedLive.add(id);
            }
        }
        for (Segment segment : new ArrayList<>(segments.values())) {
            if (segment.pendingCount() == 0) {
                deleteSegment(segment); // nothing intact or unacknowledged left
            }
        }
        acks.rewrite(ackedLive);
    }

    private void logAck(long id) {
        try {
            acks.record(id);
            if (acks.sizeBytes() > Math.max(64L << 10, 4L * Long.BYTES * ackedLive.size())) {
                acks.rewrite(ackedLive);
            }
        } catch (IOException e) {
            ackLogFailures++; // only costs duplicates after a crash
        }
    }

    /** Whether {@code need} more bytes fit; frees a fully acknowledged active segment if that makes the room. */
    private boolean makeRoom(long need) {
        if (sizeBytes + need + rollCost(need) <= config.maxBytes()) {
            return true;
        }
        if (active != null && active.pendingCount() == 0) {
            Segment drained = active;
            active = null;
            drained.seal();
            deleteSegment(drained);
        }
        return sizeBytes + need + rollCost(need) <= config.maxBytes();
    }

    private long rollCost(long need) {
        return needsRoll(need) ? EntryFormat.FILE_HEADER_BYTES : 0;
    }

    private boolean needsRoll(long need) {
        if (active == null) {
            return true;
        }
        return active.size() + need > config.segmentBytes() && active.size() > EntryFormat.FILE_HEADER_BYTES;
    }

    private AppendResult write(ByteBuffer payload, int recordCount, int attributes, boolean mayForce) {
        SpoolEntry entry =
                new SpoolEntry(nextId, payload.remaining(), recordCount, attributes, System.currentTimeMillis());
        Segment target = active;
        try {
            if (needsRoll(EntryFormat.entryBytes(entry.payloadBytes()))) {
                target = roll();
            }
            long before = target.size();
            try {
                EntryFormat.encodeHeader(header, entry, payload);
                target.append(header, entry, payload);
            } finally {
                sizeBytes += target.size() - before;
            }
            nextId++;
            unsynced = true;
            if (mayForce && (config.fsync() == FsyncPolicy.EVERY_BATCH || syncDue())) {
                forceActive();
            }
            return AppendResult.appended(entry);
        } catch (IOException e) {
            appendFailures++;
            if (target != null) {
                target.acknowledge(entry.id()); // forced or not, the caller keeps the batch: do not replay it twice
                target.seal(); // its channel is in an unknown state: the next append starts a new segment
                if (target == active) {
                    active = null;
                }
                if (target.pendingCount() == 0) {
                    deleteSegment(target);
                }
            }
            return AppendResult.failed(e);
        }
    }

    private Segment roll() throws IOException {
        if (active != null) {
            active.force(); // a sealed segment is complete on disk, whatever the policy (and a concurrent sync())
            fsyncs++;
            unsynced = false;
            active.seal();
            if (active.pendingCount() == 0) {
                deleteSegment(active);
            }
            active = null;
        }
        Segment created = Segment.create(dir, nextId, opener);
        segments.put(created.firstId(), created);
        sizeBytes += created.size();
        active = created;
        directory.sync();
        return created;
    }

    private boolean syncDue() {
        return nanoClock.getAsLong() - lastSyncNanos >= config.fsyncInterval().toNanos();
    }

    private void forceActive() throws IOException {
        if (!unsynced || active == null) {
            return;
        }
        active.force();
        fsyncs++;
        unsynced = false;
        lastSyncNanos = nanoClock.getAsLong();
    }

    private void deleteSegment(Segment segment) {
        if (segments.get(segment.firstId()) != segment) {
            return; // already deleted
        }
        try {
            segment.delete();
            Long next = segments.higherKey(segment.firstId());
            ackedLive
                    .subSet(segment.firstId(), true, next == null ? Long.MAX_VALUE : next, false)
                    .clear();
            segments.remove(segment.firstId());
            sizeBytes -= segment.size();
        } catch (IOException e) {
            deleteFailures++; // it stays listed and is retried on the next append; on restart it is replayed
        }
    }

    private void retryDeletes() {
        if (deleteFailures == 0) {
            return;
        }
        for (Segment segment : new ArrayList<>(segments.values())) {
            if (segment != active && segment.isSealed() && segment.pendingCount() == 0) {
                deleteSegment(segment);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool " + dir + " is closed");
        }
    }
}
