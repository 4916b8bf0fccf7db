package io.logship.agent.cli;

import io.logship.agent.Agent;
import io.logship.agent.metrics.DropReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to the records of one run, for the line the agent prints when it stops. With a spool:
 * {@code stopped: 1200 records delivered in 3 batches, 500 kept in the spool for the next start, 7 lost
 * (intake_bad_request=5, shutdown=2); 1707 read (+0 from the last run)}; without one the spool is not mentioned:
 * {@code stopped: 1 record delivered in 1 batch, 0 lost; 1 read}. The sums agree: read + from the last run =
 * delivered + kept + lost.
 *
 * @param delivered records the intake accepted (2xx)
 * @param batches batches the intake accepted
 * @param spooling whether a spool is configured (only then are {@code spooled} and {@code fromLastRun} shown)
 * @param spooled records left in the spool, sent after the next start
 * @param lost records dropped, by {@link DropReason} tag (only reasons with drops), in declaration order, from the
 *     agent's one drop ledger; this
 *     includes datagrams the kernel dropped before the agent read them ({@code udp_kernel_drops})
 * @param read records the inputs read in this run
 * @param fromLastRun records found on disk at start (the previous run's spool and journals)
 * @param refused client connections the sources refused (allow-list, caps, TLS), by reason tag, in the order of
 *     {@code SourceMeters#addRefusals}; not records, so outside the sums: {@code ; 3 connections refused
 *     (allow_list=1, tls_handshake=2)}, left out when there were none
 */
public record ExitReport(
        long delivered,
        long batches,
        boolean spooling,
        long spooled,
        Map<String, Long> lost,
        long read,
        long fromLastRun,
        Map<String, Long> refused) {
    public ExitReport {
        lost = Map.copyOf(lost);
        refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    /** The report of a closed agent. */
    public static ExitReport of(Agent agent) {
        Map<String, Long> lost = new LinkedHashMap<>();
        agent.drops().byReason().forEach((reason, n) -> lost.put(reason.tag(), n));
        return new ExitReport(
                agent.sendCounters().recordsSent(),
                agent.sendCounters().batchesSent(),
                agent.spooling(),
                agent.recordsInSpool(),
                lost,
                agent.recordsRead(),
                agent.recordsFromLastRun(),
                agent.metrics().connectionsRefused());
    }

    /** Records lost, all reasons. */
    public long lostTotal() {
        return lost.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Records lost at stop: only in memory when the grace period ended ({@code shutdown}). When above 0, the process
     * exits {@link ExitCodes#RECORDS_LOST}. Drops during the run (a 403, an oversized record) were reported when they
     * happened and are in {@link #lost()}, but do not change the exit code: the stop itself went as it should.
     */
    public long lostAtStop() {
        return lost.getOrDefault(DropReason.SHUTDOWN.tag(), 0L);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("stopped: ")
                .append(count(delivered, "record", "records"))
                .append(" delivered in ")
                .append(count(batches, "batch", "batches"))
                .append(", ");
        if (spooling) {
            sb.append(spooled).append(" kept in the spool for the next start, ");
        }
        sb.append(lostTotal()).append(" lost");
        if (!lost.isEmpty()) {
            sb.append(" (");
            String sep = "";
            for (DropReason reason : DropReason.values()) {
                Long n = lost.get(reason.tag());
                if (n == null) {
                    continue;
                }
                sb.append(sep).append(reason.tag()).append('=').append(n);
                sep = ", ";
            }
            sb.append(')');
        }
        sb.append("; ").append(read).append(" read");
        if (spooling) {
            sb.append(" (+").append(fromLastRun).append(" from the last run)");
        }
        if (!refused.isEmpty()) {
            sb.append("; ")
                    .append(count(
                            refused.values().stream().mapToLong(Long::longValue).sum(), "connection", "connections"))
                    .append(" refused (");
            String sep = "";
            for (Map.Entry<String, Long> e : refused.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** {@code 1 record}, {@code 2 records}, {@code 0 records}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
