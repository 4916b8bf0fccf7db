package io.logship.agent.cli;

import io.logship.agent.Agent;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The one-line status printed on a terminal every {@link StatusTicker#DEFAULT_PERIOD}: {@code status: 1204
 * records/s in, 1198 records/s out, buffer 3%, spool 1048576 bytes, 0 dropped since the last line}. Rates and drops
 * are the difference between two {@link Snapshot}s; the buffer and the spool are the level now.
 */
final class StatusLine {
    private StatusLine() {}

    /**
     * The agent's counters at one moment.
     *
     * @param nanos monotonic time of the snapshot
     * @param recordsIn records read by every input since start
     * @param recordsOut records the destination accepted since start
     * @param bufferBytes bytes of batches held in memory
     * @param bufferMaxBytes {@code buffer.max_bytes}
     * @param spoolBytes bytes in the disk spool, -1 without a spool
     * @param dropped records dropped since start, every reason (the drop ledger's total)
     */
    record Snapshot(
            long nanos,
            long recordsIn,
            long recordsOut,
            long bufferBytes,
            long bufferMaxBytes,
            long spoolBytes,
            long dropped) {
        /** The counters of {@code agent} now. */
        static Snapshot of(Agent agent, long bufferMaxBytes, LongSupplier nanoClock) {
            return new Snapshot(
                    nanoClock.getAsLong(),
                    agent.recordsRead(),
                    agent.sendCounters().recordsSent(),
                    agent.bufferedBytes(),
                    bufferMaxBytes,
                    agent.spoolStats().map(s -> s.sizeBytes()).orElse(-1L),
                    agent.drops().total());
        }
    }

    /** The line for the interval from {@code before} to {@code now}. */
    static String between(Snapshot before, Snapshot now) {
        double seconds = Math.max(1e-9, (now.nanos() - before.nanos()) / 1e9);
        long percent = now.bufferMaxBytes() <= 0 ? 0 : Math.round(100.0 * now.bufferBytes() / now.bufferMaxBytes());
        long dropped = now.dropped() - before.dropped();
        return String.format(
                Locale.ROOT,
                "status: %d records/s in, %d records/s out, buffer %d%%, %s, %s since the last line",
                Math.round((now.recordsIn() - before.recordsIn()) / seconds),
                Math.round((now.recordsOut() - before.recordsOut()) / seconds),
                percent,
                now.spoolBytes() < 0 ? "no spool" : "spool " + now.spoolBytes() + " bytes",
                ExitReport.count(dropped, "record dropped", "records dropped"));
    }
}
