package io.logship.logback.datadog;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.ContextAware;
import io.logship.logback.datadog.DeliveryStats.DropReason;
import io.logship.logback.encoder.RecordBuffer;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The background loop of the Datadog output: drain the queue head, encode, check the peer, write, and only then
 * remove what was written. This is the output's only retry loop.
 *
 * <p><b>Failure handling.</b> A failed connect waits {@link ReconnectBackoff#nextDelayNanos()} and tries again; the
 * records stay queued. A failed write (or a connection the peer closed) leaves the whole batch at the queue head;
 * the next loop reconnects at once (with backoff if that connection never delivered anything, so a peer that accepts
 * and closes at once cannot spin the loop) and re-sends the batch: a record may reach the agent twice. Encoding
 * failures and UDP records too big even when truncated are dropped and counted; nothing else is.
 *
 * <p><b>Reporting.</b> Connect failures go to logback's status on the first three of a streak and every
 * {@value #CONNECT_FAILURE_REPORT_EVERY}th after. When records were dropped, the first successful write after a
 * (re)connect, and then at most every {@value #DROP_REPORT_INTERVAL_MILLIS} ms, sends one warning record with the
 * counters and reports the total with {@code addWarn}.
 *
 * <p>Runs on its own thread; {@link #requestStop()} and {@link #abort()} are the only methods for other threads.
 */
final class DatadogWriter implements Runnable {

    /** Most records encoded into one write: {@value}. */
    static final int BATCH_MAX_RECORDS = 1024;

    /** A batch stops growing once it holds this many bytes: {@value}. About 4 socket send buffers on Linux. */
    static final int BATCH_GOAL_BYTES = 256 * 1024;

    /** How long the idle writer parks before looking again (for late drop reports), in ms: {@value}. */
    static final long IDLE_WAIT_MILLIS = 100;

    /**
     * While records keep coming, the writer naps this long between batches instead of being woken for each record,
     * in microseconds: {@value}. It bounds the added delivery delay and lets batches grow (500 records per nap at
     * 500,000 records/s) so that a syscall serves many records.
     */
    static final long NAP_MICROS = 1_000;

    /** After this long without records the writer sleeps until the next record wakes it, in ms: {@value}. */
    static final long NAP_PERIOD_MILLIS = 1_000;

    /** Least time between two drop warning records while drops continue, in ms: {@value}. As Vector rate-limits. */
    static final long DROP_REPORT_INTERVAL_MILLIS = 10_000;

    /** After 3 reports in a streak, connect failures are reported once every this many: {@value}. */
    static final int CONNECT_FAILURE_REPORT_EVERY = 100;

    /** Logger name of the drop warning record. */
    static final String REPORT_LOGGER_NAME = DatadogAppender.class.getName();

    private final RecordQueue<ILoggingEvent> queue;
    private final Connection connection;
    private final ReconnectBackoff backoff;
    private final DeliveryStats stats;
    private final ContextAware status;
    private final RecordBuffer buffer;
    private final DatadogJsonEncoder encoder;
    private final ILoggingEvent[] batch = new ILoggingEvent[BATCH_MAX_RECORDS];
    private final int[] ends = new int[BATCH_MAX_RECORDS];

    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile Thread thread;

    private int connectFailureStreak;
    private boolean deliveredOnConnection;
    private boolean reportDue;
    private long reportedDrops;
    private long lastReportNanos;
    private long encodingFailures;
    private long lastRecordNanos;

    DatadogWriter(
            RecordQueue<ILoggingEvent> queue,
            Connection connection,
            ReconnectBackoff backoff,
            DeliveryStats stats,
            ContextAware status,
            RecordBuffer buffer,
            DatadogJsonEncoder encoder) {
        this.queue = queue;
        this.connection = connection;
        this.backoff = backoff;
        this.stats = stats;
        this.status = status;
        this.buffer = buffer;
        this.encoder = encoder;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!aborted) {
                try {
                    loop();
                    return;
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError) {
                        throw e;
                    }
                    // A bug must not silently end delivery: report it, keep the queued records, go on.
                    status.addError("Datadog writer failed unexpectedly; records stay queued and it carries on", e);
                    connection.close();
                    pause(backoff.nextDelayNanos());
                }
            }
        } finally {
            connection.close();
        }
    }

    /** Asks the loop to end once the queue is empty. */
    void requestStop() {
        stopRequested = true;
        wake();
    }

    /** Ends the loop now, even with records queued, and breaks a connect or write in progress. */
    void abort() {
        aborted = true;
        stopRequested = true;
        connection.close();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void wake() {
        queue.wakeConsumer();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (!aborted) {
            if (Thread.interrupted() && !aborted) {
                // Only abort() may end the writer. A stray interrupt is cleared, or every park would return at once
                // and the loop would spin.
                continue;
            }
            if (!connection.isOpen() && !connect()) {
                if (stopRequested && queue.size() == 0) {
                    return;
                }
                pause(backoff.nextDelayNanos());
                continue;
            }
            int n = queue.peek(batch, batch.length);
            if (n == 0) {
                if (stopRequested) {
                    return;
                }
                reportDrops();
                idle();
                continue;
            }
            sendBatch(n);
            if (n < batch.length && !stopRequested) {
                idle(); // a partial batch emptied the queue: let the next one grow instead of spinning on syscalls
            }
        }
    }

    private void idle() {
        long now = System.nanoTime();
        if (queue.size() > 0) {
            lastRecordNanos = now;
        }
        if (now - lastRecordNanos < NAP_PERIOD_MILLIS * 1_000_000L) {
            queue.awaitRecords(NAP_MICROS * 1_000L, true);
        } else {
            queue.awaitRecords(IDLE_WAIT_MILLIS * 1_000_000L, false);
        }
    }

    private boolean connect() {
        try {
            connection.open();
        } catch (IOException e) {
            stats.connectFailed();
            connectFailureStreak++;
            if (connectFailureStreak <= 3 || connectFailureStreak % CONNECT_FAILURE_REPORT_EVERY == 0) {
                status.addWarn("Cannot connect to " + connection + " (failure " + connectFailureStreak + " in a row): "
                        + e + "; " + queue.size() + " records stay queued");
            }
            return false;
        }
        stats.connected();
        if (connectFailureStreak > 0) {
            status.addInfo("Connected to " + connection + " after " + connectFailureStreak + " failed attempts");
        }
        connectFailureStreak = 0;
        deliveredOnConnection = false;
        reportDue = true;
        return true;
    }

    private void sendBatch(int n) {
        buffer.reset();
        int kept = 0;
        int taken = 0;
        long oversize = 0;
        long failed = 0;
        int max = connection.maxRecordBytes();
        while (taken < n && buffer.size() < BATCH_GOAL_BYTES) {
            switch (encodeOne(batch[taken++], max)) {
                case OK -> ends[kept++] = buffer.size();
                case OVERSIZE -> oversize++;
                case FAILED -> failed++;
            }
        }
        try {
            connection.checkPeer();
            connection.write(buffer, ends, kept);
        } catch (IOException e) {
            onWriteFailure(e);
            return;
        }
        queue.remove(taken);
        Arrays.fill(batch, 0, n, null);
        stats.sent(kept, buffer.size());
        countDrops(DropReason.OVERSIZE_DATAGRAM, oversize);
        countDrops(DropReason.ENCODING_FAILED, failed);
        deliveredOnConnection = true;
        lastRecordNanos = System.nanoTime();
        backoff.reset();
        reportDrops();
        buffer.shrink();
    }

    private enum Outcome {
        OK,
        OVERSIZE,
        FAILED
    }

    /** Appends one record; for a datagram too big, retries with message and stack cut to fit. */
    private Outcome encodeOne(ILoggingEvent event, int maxBytes) {
        int start = buffer.size();
        try {
            encoder.encode(event, Integer.MAX_VALUE);
            if (buffer.size() - start <= maxBytes) {
                return Outcome.OK;
            }
            // Two bounded attempts, never a loop: one text field may take the whole budget (3 bytes per char at
            // worst in UTF-8), then both share it.
            for (int chars : new int[] {(maxBytes - 1024) / 3, (maxBytes - 1024) / 6}) {
                buffer.truncate(start);
                encoder.encode(event, Math.max(0, chars));
                if (buffer.size() - start <= maxBytes) {
                    stats.truncated();
                    return Outcome.OK;
                }
            }
            buffer.truncate(start);
            return Outcome.OVERSIZE;
        } catch (IOException | RuntimeException e) {
            buffer.truncate(start);
            encodingFailures++;
            if (encodingFailures <= 3 || encodingFailures % 1000 == 0) {
                status.addWarn("Dropped a record that failed to encode (" + encodingFailures + " so far): " + e, e);
            }
            return Outcome.FAILED;
        }
    }

    private void countDrops(DropReason reason, long n) {
        if (n > 0) {
            stats.dropped(reason, n);
        }
    }

    private void onWriteFailure(IOException e) {
        if (e instanceof Connection.PeerClosedException) {
            stats.peerClosed();
        } else {
            stats.writeFailed();
        }
        connection.close();
        status.addWarn("Lost the connection to " + connection + ": " + e + "; " + queue.size()
                + " records stay queued and the unconfirmed batch will be re-sent");
        if (!deliveredOnConnection) {
            pause(backoff.nextDelayNanos()); // this connection never worked: do not hammer the peer
        }
    }

    /** Sends the drop warning record and the status total, if there are new drops and a report is due. */
    private void reportDrops() {
        long total = stats.getDroppedTotal();
        long now = System.nanoTime();
        if (total == reportedDrops
                || !connection.isOpen()
                || (!reportDue && now - lastReportNanos < DROP_REPORT_INTERVAL_MILLIS * 1_000_000L)) {
            return;
        }
        long fresh = total - reportedDrops;
        try {
            buffer.reset();
            encoder.encodeDropReport(fresh, stats, REPORT_LOGGER_NAME, System.currentTimeMillis());
            ends[0] = buffer.size();
            connection.checkPeer();
            connection.write(buffer, ends, 1);
        } catch (IOException | RuntimeException e) {
            connection.close(); // the report is retried after the next connect; no record was at stake
            return;
        }
        status.addWarn("Sending to " + connection + " works; " + fresh + " records were dropped since the last"
                + " report, " + total + " in total (" + stats.dropSummary() + ")");
        reportedDrops = total;
        reportDue = false;
        lastReportNanos = now;
    }

    /** Parks up to {@code nanos}; returns early on abort, or on stop once nothing is left to send. */
    private void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while (!aborted && (left = deadline - System.nanoTime()) > 0) {
            if (stopRequested && queue.size() == 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }
}
