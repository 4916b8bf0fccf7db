package io.logship.agent.buffer;

import io.logship.agent.batch.BatchSink;
import io.logship.agent.buffer.spool.AppendResult;
import io.logship.agent.buffer.spool.BatchJournal;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.destinations.Delivery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool's entrance for all event loops: one {@link JournaledSpoolSink} (with its own {@link BatchJournal}) per
 * loop, the replay of journals left by a killed process, and the counters of what went in.
 *
 * <p>Journals live in {@code <spool.path>/journal/}, one file per event loop, preallocated to
 * {@link #journalBytes(long)} (about two batches); they are not counted in {@code spool.max_bytes}.
 *
 * <p>Thread-safe: {@link #forLoop} is called once per loop when its batcher is created.
 */
public final class SpoolSinks {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSinks.class);

    /** What the sinks did, summed over loops. */
    static final class Counters {
        private final LongAdder spooled = new LongAdder();
        private final AtomicLong keptInJournal = new AtomicLong();

        void spooled(int records) {
            spooled.add(records);
        }

        void keptInJournal(int records) {
            keptInJournal.addAndGet(records);
        }
    }

    private final DiskSpool spool;
    private final SpoolFeed feed;
    private final JournaledSpoolSink.Backpressure inputs;
    private final Path journalDir;
    private final long journalBytes;
    private final Counters counters = new Counters();
    private final Map<EventExecutor, JournaledSpoolSink> sinks = new ConcurrentHashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final long recovered;
    /** Records of the last run's journals not yet delivered (their files stay until they are). */
    private final AtomicLong replaying;

    private SpoolSinks(
            DiskSpool spool,
            SpoolFeed feed,
            JournaledSpoolSink.Backpressure inputs,
            long batchMaxBytes,
            long recovered,
            AtomicLong replaying) {
        this.replaying = replaying;
        this.spool = spool;
        this.feed = feed;
        this.inputs = inputs;
        this.journalDir = journalDir(spool.directory());
        this.journalBytes = journalBytes(batchMaxBytes);
        this.recovered = recovered;
    }

    /**
     * Moves what journals of an earlier run hold into the spool (see {@link #recover}) and returns the sinks for
     * this run.
     *
     * @param inputs pauses the inputs while a loop's spool appends are refused
     * @throws IOException when the journal directory cannot be created or a journal cannot be read; the message
     *     names the path
     */
    public static SpoolSinks open(
            DiskSpool spool, SpoolFeed feed, Runnable pauseInputs, Runnable resumeInputs, long batchMaxBytes)
            throws IOException {
        Objects.requireNonNull(pauseInputs, "pauseInputs");
        Objects.requireNonNull(resumeInputs, "resumeInputs");
        AtomicLong replaying = new AtomicLong();
        long recovered = recover(spool, feed, journalDir(spool.directory()), replaying);
        JournaledSpoolSink.Backpressure inputs = new JournaledSpoolSink.Backpressure() {
            @Override
            public void pause() {
                pauseInputs.run();
            }

            @Override
            public void resume() {
                resumeInputs.run();
            }
        };
        return new SpoolSinks(spool, feed, inputs, batchMaxBytes, recovered, replaying);
    }

    /** The sink of {@code loop}'s batcher, with a new journal; call when the batcher is created. */
    public BatchSink forLoop(EventExecutor loop) {
        return sinks.computeIfAbsent(loop, l -> {
            Path file = journalDir.resolve(String.format(
                    "journal-%d-%03d%s", System.currentTimeMillis(), nextIndex.getAndIncrement(), BatchJournal.SUFFIX));
            return new JournaledSpoolSink(l, () -> createJournal(file), spool, feed, inputs, counters);
        });
    }

    /**
     * Stops every sink on its loop: batches the spool still refuses stay in their journal for the next start.
     *
     * @return records lost (only those of a loop whose journal had failed), or -1 if a loop did not answer in time
     */
    public long close(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lost = 0;
        try {
            for (Map.Entry<EventExecutor, JournaledSpoolSink> e : sinks.entrySet()) {
                if (e.getKey().isShuttingDown()) {
                    continue;
                }
                Future<Integer> closed = e.getKey().submit(e.getValue()::close);
                if (!closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return -1;
                }
                lost += closed.getNow();
            }
            return lost;
        } finally {
            feed.appendsDone(); // the senders may end once everything spooled is handed out
        }
    }

    /** Records appended to the spool since start. */
    public long recordsSpooled() {
        return counters.spooled.sum();
    }

    /**
     * Records in journal files not yet delivered: those this run left at stop (the spool was full) and those of the
     * last run's journals still being replayed. Sent after the next start.
     */
    public long recordsKeptInJournals() {
        return counters.keptInJournal.get() + replaying.get();
    }

    /** Records recovered from journals of the previous run at start. */
    public long recordsRecovered() {
        return recovered;
    }

    /** A preallocated journal, or (the disk is full now) one that grows as it is written. */
    private BatchJournal createJournal(Path file) throws IOException {
        Files.deleteIfExists(file); // a failed attempt's
        try {
            return BatchJournal.create(file, journalBytes);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            LOG.warn(
                    "cannot preallocate {} bytes for the spool journal {} ({}): it grows as it is written, and a "
                            + "full disk pauses the inputs",
                    journalBytes,
                    file,
                    e.getMessage());
            return BatchJournal.create(file, 0);
        }
    }

    /** About two batches and a read, so a refused batch and the next one fit without new blocks. */
    static long journalBytes(long batchMaxBytes) {
        return 2 * batchMaxBytes + (1 << 20);
    }

    static Path journalDir(Path spoolDir) {
        return spoolDir.resolve("journal");
    }

    /**
     * Moves what journals of an earlier run hold into the spool (past its size limit if need be: those records were
     * accepted) and deletes each journal once all its batches are in. Where the spool refuses (a full or failing
     * disk), the journal's batches are handed to the senders from memory instead, and its file is deleted once they
     * reached a final state: a crash meanwhile replays it again (duplicates, never loss).
     */
    private static long recover(DiskSpool spool, SpoolFeed feed, Path dir, AtomicLong pending) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the spool journal directory " + dir + ": " + e, e);
        }
        long records = 0;
        for (Path file : BatchJournal.files(dir)) {
            List<BatchJournal.Recovered> batches = BatchJournal.recover(file);
            int spooled = 0;
            while (spooled < batches.size() && moveToSpool(spool, batches.get(spooled))) {
                spooled++;
            }
            for (BatchJournal.Recovered batch : batches) {
                records += batch.records();
            }
            if (spooled == batches.size()) {
                spool.sync();
                Files.deleteIfExists(file);
                continue;
            }
            List<BatchJournal.Recovered> rest = batches.subList(spooled, batches.size());
            AtomicInteger unfinished = new AtomicInteger(rest.size());
            for (BatchJournal.Recovered batch : rest) {
                pending.addAndGet(batch.records());
                feed.offerUnspooled(new JournalBatch(file, batch, unfinished, pending));
            }
        }
        if (records > 0) {
            LOG.info(
                    "recovered {} records from the spool journals of the last run (read before it stopped, not yet "
                            + "in a finished batch): they are sent first",
                    records);
        }
        return records;
    }

    private static boolean moveToSpool(DiskSpool spool, BatchJournal.Recovered batch) {
        AppendResult result = spool.appendRecovered(ByteBuffer.wrap(batch.json()), batch.records(), 0);
        return result.status() == AppendResult.Status.APPENDED;
    }

    /** A batch recovered from a journal file; the file goes when its last batch is finished. */
    private static final class JournalBatch implements Delivery {
        private final Path file;
        private final ByteBuf json;
        private final int records;
        private final AtomicInteger unfinished;
        private final AtomicLong pending;

        JournalBatch(Path file, BatchJournal.Recovered batch, AtomicInteger unfinished, AtomicLong pending) {
            this.file = file;
            this.json = Unpooled.wrappedBuffer(batch.json());
            this.records = batch.records();
            this.unfinished = unfinished;
            this.pending = pending;
        }

        @Override
        public ByteBuf json() {
            return json;
        }

        @Override
        public int records() {
            return records;
        }

        @Override
        public void finished() {
            json.release();
            pending.addAndGet(-records);
            if (unfinished.decrementAndGet() > 0) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn(
                        "cannot delete the replayed spool journal {} (it will be replayed again): {}",
                        file,
                        e.getMessage());
            }
        }

        @Override
        public boolean abandoned() {
            json.release();
            return true; // the file stays: replayed at the next start
        }
    }
}
