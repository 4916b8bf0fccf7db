package io.logship.agent.buffer;

import io.logship.agent.batch.BatchSink;
import io.logship.agent.buffer.spool.AppendResult;
import io.logship.agent.buffer.spool.BatchJournal;
import io.logship.agent.buffer.spool.DiskSpool;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private SpoolSinks(DiskSpool spool, SpoolFeed feed, JournaledSpoolSink.Backpressure inputs, long batchMaxBytes,
                       long recovered) {
        this.spool = spool;
        this.feed = feed;
        this.inputs = inputs;
        this.journalDir = journalDir(spool.directory());
        this.journalBytes = journalBytes(batchMaxBytes);
        this.recovered = recovered;
    }

    /**
     * Moves what journals of an earlier run hold into the spool (past its size limit if need be: those records were
     * accepted), deletes them, and returns the sinks for this run.
     *
     * @param inputs pauses the inputs while a loop's spool appends are refused
     * @throws IOException when the journal directory cannot be created, or a journal can be read but not spooled
     *     (it is kept for the next start); the message names the file
     */
    public static SpoolSinks open(DiskSpool spool, SpoolFeed feed, Runnable pauseInputs, Runnable resumeInputs,
                                  long batchMaxBytes) throws IOException {
        Objects.requireNonNull(pauseInputs, "pauseInputs");
        Objects.requireNonNull(resumeInputs, "resumeInputs");
        long recovered = recover(spool, journalDir(spool.directory()));
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
        return new SpoolSinks(spool, feed, inputs, batchMaxBytes, recovered);
    }

    /** The sink of {@code loop}'s batcher, with a new journal; call when the batcher is created. */
    public BatchSink forLoop(EventExecutor loop) {
        return sinks.computeIfAbsent(loop, l -> {
            Path file = journalDir.resolve(String.format("journal-%d-%03d%s", System.currentTimeMillis(),
                    nextIndex.getAndIncrement(), BatchJournal.SUFFIX));
            try {
                return new JournaledSpoolSink(l, BatchJournal.create(file, journalBytes), spool, feed, inputs,
                        counters);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        for (Map.Entry<EventExecutor, JournaledSpoolSink> e : sinks.entrySet()) {
            if (e.getKey().isShuttingDown()) continue;
            Future<Integer> closed = e.getKey().submit(e.getValue()::close);
            if (!closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return -1;
            lost += closed.getNow();
        }
        feed.writerDone();
        return lost;
    }

    /** Records appended to the spool since start. */
    public long recordsSpooled() {
        return counters.spooled.sum();
    }

    /** Records left in journals at stop (the spool was full): sent after the next start. */
    public long recordsKeptInJournals() {
        return counters.keptInJournal.get();
    }

    /** Records moved from journals of the previous run into the spool at start. */
    public long recordsRecovered() {
        return recovered;
    }

    /** About two batches and a read, so a refused batch and the next one fit without new blocks. */
    static long journalBytes(long batchMaxBytes) {
        return 2 * batchMaxBytes + (1 << 20);
    }

    static Path journalDir(Path spoolDir) {
        return spoolDir.resolve("journal");
    }

    private static long recover(DiskSpool spool, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the spool journal directory " + dir + ": " + e, e);
        }
        long records = 0;
        for (Path file : BatchJournal.files(dir)) {
            List<BatchJournal.Recovered> batches = BatchJournal.recover(file);
            for (BatchJournal.Recovered batch : batches) {
                AppendResult result = spool.appendRecovered(ByteBuffer.wrap(batch.json()), batch.records(), 0);
                if (result.status() != AppendResult.Status.APPENDED) {
                    throw new IOException("cannot move the journal " + file + " into the spool (kept for the next "
                            + "start): " + (result.error() != null ? result.error().getMessage() : result.status()));
                }
                records += batch.records();
            }
            spool.sync();
            Files.delete(file);
        }
        if (records > 0) {
            LOG.info("recovered {} records from the spool journals of the last run (read before it stopped, not yet "
                    + "in a finished batch)", records);
        }
        return records;
    }
}
