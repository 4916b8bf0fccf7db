package io.logship.agent.sources.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each file of one file source was read up to, durably: a small text file under the spool directory
 * ({@code sources/file-<id>.checkpoints}), one line per file: its identity (device and inode), the offset of the
 * first byte not yet durable, and its last path. Rewritten atomically (temporary file, then rename).
 *
 * <p>An offset only advances when the records before it are durable ({@code RecordSink#whenDurable}): written ahead
 * to the spool, or delivered. A restart therefore resumes at most one unconfirmed batch early: at-least-once.
 *
 * <p>Thread-safe: updates come from the source's event loop and from sender threads (confirmations); one lock per
 * source, held for a map update, never during disk I/O.
 */
final class Checkpoints {
    /** A file's checkpoint; {@code generation} changes when the file is truncated (offsets start again at 0). */
    record Entry(long offset, long generation, Path path) {}

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();
    private boolean dirty;

    /** @param file the registry file; null keeps checkpoints in memory only (no spool directory) */
    Checkpoints(Path file) {
        this.file = file;
    }

    /** Loads the registry; a missing or damaged file gives an empty one (every file starts by its rule). */
    static Checkpoints load(Path file) throws IOException {
        Checkpoints c = new Checkpoints(file);
        if (file == null || !Files.exists(file)) {
            return c;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] parts = line.split("\t", 3);
            if (parts.length != 3) {
                continue; // a damaged line: that file starts by its rule
            }
            try {
                c.entries.put(parts[0], new Entry(Long.parseLong(parts[1]), 0, Path.of(parts[2])));
            } catch (RuntimeException e) {
                // A damaged offset or path: skip the line, as above.
            }
        }
        return c;
    }

    /** The durable offset of the file with identity {@code key}, or -1 when it has none. */
    synchronized long offset(String key) {
        Entry e = entries.get(key);
        return e == null ? -1 : e.offset();
    }

    /** Starts tracking a file at {@code offset} (already durable, or where reading starts). */
    synchronized void track(String key, long offset, long generation, Path path) {
        entries.put(key, new Entry(offset, generation, path));
        dirty = true;
    }

    /** Records before {@code offset} of generation {@code generation} are durable; older news is ignored. */
    synchronized void confirm(String key, long generation, long offset) {
        Entry e = entries.get(key);
        if (e == null || e.generation() != generation || e.offset() >= offset) {
            return;
        }
        entries.put(key, new Entry(offset, generation, e.path()));
        dirty = true;
    }

    /** The file was renamed (within the glob). */
    synchronized void moved(String key, Path path) {
        Entry e = entries.get(key);
        if (e != null && !e.path().equals(path)) {
            entries.put(key, new Entry(e.offset(), e.generation(), path));
            dirty = true;
        }
    }

    /** Forgets every file but those in {@code keys} (the files found at start). */
    synchronized void retainOnly(Set<String> keys) {
        if (entries.keySet().retainAll(keys)) {
            dirty = true;
        }
    }

    /** The file is gone and was read to its end: forget it. */
    synchronized void forget(String key) {
        if (entries.remove(key) != null) {
            dirty = true;
        }
    }

    /** Writes the registry if it changed since the last save. Call from one thread at a time. */
    void saveFile() throws IOException {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        synchronized (this) {
            if (!dirty) {
                return;
            }
            dirty = false;
            entries.forEach((key, e) -> text.append(key)
                    .append('\t')
                    .append(e.offset())
                    .append('\t')
                    .append(e.path())
                    .append('\n'));
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
