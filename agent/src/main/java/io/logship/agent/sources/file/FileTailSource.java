package io.logship.agent.sources.file;

import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.RecordSink;
import io.logship.agent.sources.Source;
import io.logship.agent.sources.SourceContext;
import io.logship.config.FileSource;
import io.logship.config.StartPosition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code type: file} source: follows the files matching a glob, line by line, like the Datadog Agent's file
 * source (what a sidecar uses when the application writes to a shared volume).
 *
 * <p>How it reads: everything runs on one of the agent's event loops, in bounded slices (at most
 * {@value #READ_BYTES_PER_TICK} bytes per {@value #TICK_MILLIS} ms tick, {@value #READ_BYTES_PER_FILE} per file),
 * from the page cache, as the spool's journal writes do. The glob is scanned every {@value #SCAN_MILLIS} ms.
 * Lines are split and chunked exactly as TCP lines ({@code frame.LineSplitter}: longer than
 * {@code max_message_bytes}, cut into {@code ...TRUNCATED...} chunks); with {@code multi_line_start} they are
 * joined into records first ({@link MultiLine}; an open record leaves after {@value #MULTI_LINE_FLUSH_MILLIS} ms
 * of quiet).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Where to start: a file with a checkpoint resumes there; a file present at start without one begins at its
 *       end ({@code start_position: end}, the default) or beginning; a file that appears later begins at its
 *       beginning (its first lines were written after the agent started).</li>
 *   <li>Rename-and-create rotation: a file is known by its device and inode, so the renamed file is read to its
 *       end through the open descriptor (until quiet for {@value #GONE_CLOSE_MILLIS} ms), and the new file from its
 *       beginning: no line lost or repeated. A file deleted while open is read to its end the same way.</li>
 *   <li>Copytruncate rotation: a file shorter than what was read was truncated: reading starts again at 0. Lines
 *       written between the last read and the truncation are in the copy only (as with the Datadog Agent).</li>
 *   <li>Checkpoints ({@link Checkpoints}, under {@code spool.path}): an offset advances only once the records
 *       before it are durable ({@link RecordSink#whenDurable}: written ahead to the spool, or delivered). A restart
 *       resumes there: at-least-once, duplicates only for the last unconfirmed batch. Without {@code spool.path}
 *       nothing is kept across restarts.</li>
 *   <li>Backpressure: while the buffer is full ({@link io.logship.agent.sources.ReadGate#isPaused()}) nothing is
 *       read; files wait, nothing is dropped, whatever {@code when_full} says.</li>
 *   <li>Open files: at most {@code max_open_files}; a file read to its end is closed when others wait for a slot,
 *       and reopened when it grows. A closed file renamed away loses what was appended after it was closed.</li>
 *   <li>Bad input: an unreadable file is skipped, counted as an input error and logged (rate-limited); it is tried
 *       again at the next scan. Directories and other non-regular files never match. Bytes are bytes: binary
 *       content is sent as text, invalid UTF-8 replaced by the enricher.</li>
 * </ul>
 *
 * <p>Thread-safety: {@link #start}, {@link #drainAndClose} and {@link #close} from the agent's thread; all the
 * work on the event loop; confirmations may arrive on sender threads ({@link Checkpoints} is thread-safe).
 */
public final class FileTailSource implements Source {
    /** Time between two reads of the files. */
    static final long TICK_MILLIS = 100;
    /** Time between two scans of the glob (the Datadog Agent scans every 10 s; a sidecar wants new files sooner). */
    static final long SCAN_MILLIS = 1000;
    /** Bytes read per tick at most, all files together: bounds the time the event loop spends on disk reads. */
    static final int READ_BYTES_PER_TICK = 4 << 20;
    /** Bytes read from one file per tick at most, so one busy file cannot starve the others. */
    static final int READ_BYTES_PER_FILE = 1 << 20;
    /** An open multi-line record leaves after this much quiet. */
    static final long MULTI_LINE_FLUSH_MILLIS = 1000;
    /**
     * A gone file (renamed away, deleted) is closed once read to its end and quiet this long: an application may
     * write to its old descriptor for a moment after rotating (the Datadog Agent waits up to 60 s).
     */
    static final long GONE_CLOSE_MILLIS = 5000;
    /**
     * Checkpoints are written at most this often, when they changed (and at stop): once per tick, so a crash
     * repeats at most the lines of the last tick (with a spool they were confirmed in the same tick).
     */
    static final long SAVE_MILLIS = TICK_MILLIS;

    private static final Logger LOG = LoggerFactory.getLogger(FileTailSource.class);

    private final FileSource config;
    private final Glob glob;
    private final Pattern multiLineStart;
    private final Map<String, TailedFile> files = new LinkedHashMap<>();
    /** This source's own lock around writing its checkpoint file; shared with nothing else. */
    private final Object saveLock = new Object();

    private SourceContext context;
    private EventLoop loop;
    private Consumer<ByteBuf> lines;
    private Runnable persist;
    private Checkpoints checkpoints;
    private ScheduledFuture<?> ticking;
    private long nextScanNanos;
    private long nextSaveNanos;
    private long lastDataNanos;
    private volatile boolean closed;

    /** @param config the entry (its type is FILE) */
    public FileTailSource(FileSource config) {
        this.config = Objects.requireNonNull(config, "config");
        this.glob = new Glob(config.path(), config.excludePaths());
        this.multiLineStart = config.multiLineStart().map(Pattern::compile).orElse(null);
    }

    @Override
    public String name() {
        return "file:" + config.path();
    }

    @Override
    public void start(SourceContext context) throws IOException, InterruptedException {
        this.context = context;
        this.loop = context.loops().next();
        this.lines = context.sink().forLoop(loop);
        this.persist = context.sink().persisterForLoop(loop);
        Path registry = context.stateDirectory()
                .map(d -> d.resolve("sources").resolve("file-" + id() + ".checkpoints"))
                .orElse(null);
        try {
            checkpoints = Checkpoints.load(registry);
        } catch (IOException e) {
            throw new IOException("cannot read the file source's checkpoints " + registry + ": " + e.getMessage(), e);
        }
        Future<?> first = loop.submit(() -> scan(true));
        first.await();
        if (!first.isSuccess()) {
            throw new IOException("cannot start " + name() + ": " + first.cause(), first.cause());
        }
        ticking = loop.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A short stable name for this source's checkpoint file: the glob's digest. */
    private String id() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(config.path().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Files followed now (tests, diagnostics). */
    int followed() {
        return files.size();
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            long now = System.nanoTime();
            if (now - nextScanNanos >= 0) {
                scan(false);
                nextScanNanos = now + TimeUnit.MILLISECONDS.toNanos(SCAN_MILLIS);
            }
            if (!context.gate().isPaused()) {
                readAll(now);
            }
            if (now - lastDataNanos >= TimeUnit.MILLISECONDS.toNanos(MULTI_LINE_FLUSH_MILLIS)) {
                flushOpenRecords();
            }
            if (now - nextSaveNanos >= 0) {
                save();
                nextSaveNanos = now + TimeUnit.MILLISECONDS.toNanos(SAVE_MILLIS);
            }
        } catch (RuntimeException | Error e) {
            // The tick must keep running: a bug here would otherwise stop the source silently.
            context.errors().report(name(), e);
        }
    }

    private void scan(boolean first) {
        List<Path> paths;
        try {
            paths = glob.scan();
        } catch (IOException e) {
            report(null, "cannot list the files of " + glob, e);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Path path : paths) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException e) {
                continue; // vanished since the walk
            }
            String key = String.valueOf(attrs.fileKey() != null ? attrs.fileKey() : path);
            seen.add(key);
            TailedFile known = files.get(key);
            if (known != null) {
                known.gone = false;
                if (!known.path.equals(path)) {
                    known.path = path;
                    checkpoints.moved(key, path);
                }
                continue;
            }
            long saved = checkpoints.offset(key);
            long start;
            if (saved >= 0) {
                start = saved <= attrs.size() ? saved : 0; // shorter than the checkpoint: truncated
            } else if (first && config.startPosition() == StartPosition.END) {
                start = attrs.size();
            } else {
                start = 0;
            }
            files.put(key, new TailedFile(key, path, start, config.maxMessageBytes(), multiLineStart));
            checkpoints.track(key, start, 0, path);
        }
        if (first) {
            checkpoints.retainOnly(seen);
        }
        long now = System.nanoTime();
        for (TailedFile f : files.values()) {
            if (!seen.contains(f.key) && !f.gone) {
                f.gone = true;
                f.idleSinceNanos = now; // its quiet period starts now
            }
        }
    }

    private void readAll(long now) {
        int budget = READ_BYTES_PER_TICK;
        int open = 0;
        for (TailedFile f : files.values()) {
            if (f.isOpen()) {
                open++;
            }
        }
        // More files than slots: a file read to its end gives its slot up, so every file gets its turn.
        boolean crowded = open >= config.maxOpenFiles() && files.size() > open;
        boolean handed = false;
        List<TailedFile> done = new ArrayList<>();
        List<TailedFile> confirm = new ArrayList<>();
        for (TailedFile f : files.values()) {
            if (budget <= 0) {
                break;
            }
            if (!f.isOpen()) {
                if (f.gone) {
                    done.add(f); // closed before it went: nothing more can be read from it
                    continue;
                }
                if (!grew(f)) {
                    continue;
                }
                if (open >= config.maxOpenFiles()) {
                    crowded = true;
                    continue;
                }
                try {
                    if (!f.open()) {
                        f.gone = true; // another file has its name now: the scan will pick that one up
                        continue;
                    }
                    open++;
                } catch (IOException e) {
                    if (!f.warned) {
                        f.warned = true;
                        report(f.path, "cannot read " + f.path + ": skipped, tried again at each scan", e);
                    }
                    continue;
                }
            }
            try {
                long size = f.size();
                if (size < f.readOffset()) {
                    f.truncated(lines);
                    checkpoints.track(f.key, 0, f.generation, f.path);
                    handed = true;
                }
                int n = f.read(Math.min(budget, READ_BYTES_PER_FILE), size, ByteBufAllocator.DEFAULT, lines);
                if (n > 0) {
                    budget -= n;
                    context.sink().meters().bytesIn.increment(n);
                    lastDataNanos = now;
                    f.idleSinceNanos = now;
                    handed = true;
                    confirm.add(f);
                } else if (f.readUpTo(size)) {
                    if (f.gone && now - f.idleSinceNanos >= TimeUnit.MILLISECONDS.toNanos(GONE_CLOSE_MILLIS)) {
                        f.finish(ByteBufAllocator.DEFAULT, lines, true);
                        handed = true;
                        done.add(f);
                    } else if (crowded) {
                        f.closeChannel();
                        open--;
                    }
                }
            } catch (IOException e) {
                report(f.path, "reading " + f.path + " failed; it is opened again at the next tick", e);
                f.closeChannel();
                open--;
            }
        }
        if (handed) {
            persist.run();
        }
        for (TailedFile f : confirm) {
            confirmWhenDurable(f, false);
        }
        for (TailedFile f : done) {
            files.remove(f.key);
            confirmWhenDurable(f, true);
            f.close();
        }
    }

    /** Whether a closed file has bytes beyond what was read (one stat, no open). */
    private static boolean grew(TailedFile f) {
        try {
            return Files.size(f.path) != f.readOffset();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // let the open report it
        }
    }

    /** Once what was handed on is durable, the checkpoint moves to the file's safe offset (or forgets the file). */
    private void confirmWhenDurable(TailedFile f, boolean forget) {
        String key = f.key;
        long generation = f.generation;
        long offset = f.safeOffset();
        context.sink().whenDurable(loop, () -> {
            if (forget) {
                checkpoints.forget(key);
            } else {
                checkpoints.confirm(key, generation, offset);
            }
            if (closed) {
                save(); // after stop, confirmations come from the senders as they deliver
            }
        });
    }

    private void flushOpenRecords() {
        if (multiLineStart == null) {
            return;
        }
        boolean handed = false;
        for (TailedFile f : files.values()) {
            long before = f.safeOffset();
            f.flushOpenRecord(lines);
            if (f.safeOffset() != before) {
                handed = true;
            }
        }
        if (!handed) {
            return;
        }
        persist.run();
        for (TailedFile f : files.values()) {
            confirmWhenDurable(f, false);
        }
    }

    private void save() {
        try {
            synchronized (saveLock) { // the loop and, after stop, sender threads: one writer at a time
                checkpoints.saveFile();
            }
        } catch (IOException e) {
            report(null, "cannot write the file source's checkpoints (a restart may read lines again)", e);
        }
    }

    private void report(Path file, String what, Exception e) {
        context.errors().report(file != null ? file : name(), e);
        if (context.errors().mayLog(InputErrors.Kind.FILE)) {
            LOG.warn(
                    "{}: {}: {} ({} input errors since start; logged at most every {} s)",
                    name(),
                    what,
                    e.toString(),
                    context.errors().count(),
                    InputErrors.LOG_EVERY_SECONDS);
        }
    }

    /**
     * Reads what the files hold now (within {@code drainFor}, while the buffer takes it), hands open multi-line
     * records on, then closes. Incomplete last lines stay in the files: the checkpoint is before them.
     */
    @Override
    public void drainAndClose(Duration drainFor) throws InterruptedException {
        if (loop == null || closed) {
            return;
        }
        Future<?> drained = loop.submit(() -> {
            if (ticking != null) {
                ticking.cancel(false);
            }
            if (!context.gate().isPaused()) {
                readAll(System.nanoTime());
            }
            boolean handed = false;
            for (TailedFile f : files.values()) {
                long before = f.safeOffset();
                f.finish(ByteBufAllocator.DEFAULT, lines, false);
                handed |= f.safeOffset() != before;
            }
            if (handed) {
                persist.run();
            }
            for (TailedFile f : files.values()) {
                confirmWhenDurable(f, false);
            }
        });
        drained.await(Math.max(1, drainFor.toMillis()), TimeUnit.MILLISECONDS);
        close();
    }

    @Override
    public void close() throws InterruptedException {
        if (loop == null || closed) {
            return;
        }
        closed = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
        Future<?> closing = loop.submit(() -> {
            for (TailedFile f : files.values()) {
                f.close();
            }
            files.clear();
        });
        closing.await(5, TimeUnit.SECONDS);
        save();
    }
}
