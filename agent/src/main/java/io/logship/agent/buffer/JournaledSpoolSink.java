package io.logship.agent.buffer;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchSink;
import io.logship.agent.buffer.spool.AppendResult;
import io.logship.agent.buffer.spool.BatchJournal;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.destinations.QueueSource;
import io.logship.agent.metrics.LogLimiter;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's way into the disk spool: records are written ahead to the loop's {@link BatchJournal} after each
 * read (before the input reads more), and each finished batch is appended to the {@link DiskSpool} right away, on
 * the loop; then the journal is reset. A {@code kill -9} at any moment loses nothing the agent had read: the open
 * batch is in the journal, finished ones are in the spool, and both are replayed at the next start.
 *
 * <p><b>Spool full or failing:</b> the batch is sealed in the journal and held, the inputs are paused at once
 * ({@link Backpressure#pause()}), and the append is retried every {@value #RETRY_MILLIS} ms, oldest first; once all
 * held batches are in, the inputs resume. Nothing is kept only in memory while the journal works.
 *
 * <p><b>Journal failing</b> (an I/O error past its preallocated size, or it cannot even be created: a full disk at
 * start): the inputs are paused as well, and records read until then are kept in memory until their batch reaches
 * the spool; the journal is created or reset again every {@value #RETRY_MILLIS} ms until that works. Errors are
 * logged at most once every {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s per loop.
 *
 * <p><b>Duplicates:</b> a kill between a spool append and the journal reset that follows it (microseconds) replays
 * that one batch twice.
 *
 * <p>Threads: confined to its event loop ({@code loop}); the spool append takes the spool's lock once per batch.
 */
final class JournaledSpoolSink implements BatchSink {
    static final long RETRY_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(JournaledSpoolSink.class);

    /** Pauses and resumes the inputs; calls must be balanced. */
    interface Backpressure {
        void pause();

        void resume();
    }

    /** Creates the loop's journal file. */
    interface JournalFactory {
        BatchJournal create() throws IOException;
    }

    private final EventExecutor loop;
    private final JournalFactory journals;
    private BatchJournal journal;
    private final DiskSpool spool;
    private final SpoolFeed feed;
    private final Backpressure inputs;
    private final SpoolSinks.Counters counters;
    /** Sealed batches the spool refused, oldest first; they are in the journal (unless it failed). */
    private final ArrayDeque<Batch> held = new ArrayDeque<>();

    private boolean journalWorks = true;
    private boolean pausedForSpool;
    private boolean pausedForJournal;
    private boolean retryScheduled;
    private boolean closed;
    /** Records written to the journal since its last reset or seal: the open batch's. */
    private int openRecords;

    private final LogLimiter errorLog = new LogLimiter();

    JournaledSpoolSink(
            EventExecutor loop,
            JournalFactory journals,
            DiskSpool spool,
            SpoolFeed feed,
            Backpressure inputs,
            SpoolSinks.Counters counters) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.journals = Objects.requireNonNull(journals, "journals");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.counters = Objects.requireNonNull(counters, "counters");
        try {
            journal = journals.create();
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    /**
     * Records are durable once written ahead to this loop's journal, while it works; when it fails they are durable
     * once their batch is in the spool ({@link Batch#finish()} on append).
     */
    @Override
    public boolean writesAhead() {
        return journalWorks;
    }

    @Override
    public void persist(ByteBuf json, int from, int records) {
        openRecords += records;
        if (!journalWorks) {
            return;
        }
        try {
            journal.records(json.nioBuffer(from, json.writerIndex() - from), records);
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    @Override
    public void accept(Batch batch) {
        if (closed) { // a batch finished after stop: its records were written ahead, the journal keeps them
            counters.keptInJournal(journalWorks ? batch.records() : 0);
            batch.release();
            return;
        }
        openRecords = 0;
        if (held.isEmpty() && tryAppend(batch)) {
            resetJournal();
            return;
        }
        if (journalWorks) {
            try {
                journal.seal();
            } catch (IOException e) {
                journalFailed(e);
            }
        }
        held.addLast(batch);
        if (!pausedForSpool) {
            pausedForSpool = true;
            inputs.pause();
        }
        scheduleRetry();
    }

    /**
     * Stops: held batches stay in the journal for the next start (or, if the journal failed, are lost).
     *
     * @return records lost (only when the journal had failed)
     */
    int close() {
        closed = true;
        int lost = 0;
        int kept = 0;
        for (Batch b; (b = held.pollFirst()) != null; ) {
            if (journalWorks) {
                kept += b.records();
            } else {
                lost += b.records();
            }
            b.release();
        }
        counters.keptInJournal(kept);
        if (journal == null) {
            return lost;
        }
        try {
            journal.close();
            if (kept == 0 && lost == 0 && openRecords == 0) {
                Files.deleteIfExists(journal.path());
            }
        } catch (IOException e) {
            log("cannot close the spool journal {}: {}", journal.path(), e.getMessage());
        }
        return lost;
    }

    private boolean tryAppend(Batch batch) {
        AppendResult result = spool.appendUnforced(batch.json().nioBuffer(), batch.records(), 0);
        switch (result.status()) {
            case APPENDED:
                counters.spooled(batch.records());
                batch.finish(); // in the spool: durable
                feed.appended();
                return true;
            case TOO_LARGE:
                log(
                        "a batch of {} bytes can never fit in the spool {}: it is sent from memory",
                        batch.bytes(),
                        spool.directory());
                feed.offerUnspooled(QueueSource.inMemory(batch));
                return true;
            case FULL:
                log(
                        "spool {} is full ({} bytes): inputs wait until the intake takes batches",
                        spool.directory(),
                        spool.sizeBytes());
                return false;
            default: // FAILED
                log(
                        "cannot spool a batch of {} records, inputs wait and the append is retried: {}",
                        batch.records(),
                        String.valueOf(result.error() != null ? result.error().getMessage() : "unknown error"));
                return false;
        }
    }

    private void retry() {
        retryScheduled = false;
        if (closed) {
            return;
        }
        if (!journalWorks && held.isEmpty() && openRecords == 0) {
            resetJournal();
        }
        while (!held.isEmpty()) {
            if (!tryAppend(held.peekFirst())) {
                scheduleRetry();
                return;
            }
            held.pollFirst();
            if (held.isEmpty() && openRecords == 0) {
                resetJournal();
            } else if (journalWorks) {
                try {
                    journal.spooled();
                } catch (IOException e) {
                    journalFailed(e);
                }
            }
        }
        if (pausedForSpool) {
            pausedForSpool = false;
            inputs.resume();
        }
        if (!journalWorks) {
            scheduleRetry();
        }
    }

    private void resetJournal() {
        try {
            if (journal == null) {
                journal = journals.create();
            }
            journal.reset();
            journalWorks = true;
            if (pausedForJournal) {
                pausedForJournal = false;
                inputs.resume();
            }
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    private void journalFailed(IOException e) {
        journalWorks = false;
        if (!pausedForJournal) {
            pausedForJournal = true;
            inputs.pause();
        }
        log("cannot write the spool journal, inputs wait until it works again: {}{}", e.getMessage(), "");
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        loop.schedule(this::retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void log(String format, Object a, Object b) {
        if (!errorLog.mayLog()) {
            return;
        }
        LOG.error(format, a, b);
    }
}
