package io.logship.agent.buffer;

import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.metrics.LogLimiter;
import io.logship.config.FsyncPolicy;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the spool to disk for the event loops, which append without forcing: under {@code fsync: every_batch} as
 * soon as anything was appended (one fsync covers every batch appended meanwhile: a group commit), under
 * {@code interval} once per interval. An fsync never runs on an event loop.
 *
 * <p>Threads: one thread of its own; it ends when interrupted, after a last sync. Errors are logged at most once every
 * {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s.
 */
public final class SpoolSyncer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSyncer.class);

    private final DiskSpool spool;
    private final SpoolFeed feed;
    private final boolean everyBatch;
    private final long intervalMillis;
    private final LogLimiter errorLog = new LogLimiter();

    /**
     * @param spool the spool to force
     * @param feed signals each append (and acknowledgement)
     */
    public SpoolSyncer(DiskSpool spool, SpoolFeed feed) {
        this.spool = Objects.requireNonNull(spool, "spool");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.everyBatch = spool.config().fsync() == FsyncPolicy.EVERY_BATCH;
        this.intervalMillis = Math.max(1, spool.config().fsyncInterval().toMillis());
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (everyBatch) {
                    if (!spool.unsynced()) {
                        feed.awaitChange(intervalMillis, TimeUnit.MILLISECONDS);
                    }
                } else {
                    TimeUnit.MILLISECONDS.sleep(intervalMillis);
                }
                syncNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            syncNow();
        }
    }

    private void syncNow() {
        try {
            if (spool.unsynced()) {
                spool.sync();
            }
        } catch (IOException e) {
            if (!errorLog.mayLog()) {
                return;
            }
            LOG.error("cannot fsync the spool {}: {}", spool.directory(), e.getMessage());
        } catch (IllegalStateException closed) {
            // the spool closed first: closing forced it
        }
    }
}
