package io.logship.agent;

import io.logship.agent.batch.BatchQueue;
import io.logship.agent.batch.BatcherGroup;
import io.logship.agent.buffer.SpoolFeed;
import io.logship.agent.buffer.SpoolSinks;
import io.logship.agent.buffer.SpoolSyncer;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.buffer.spool.SpoolStats;
import io.logship.agent.destinations.Destination;
import io.logship.agent.destinations.DestinationHealth;
import io.logship.agent.destinations.SendCounters;
import io.logship.agent.destinations.SenderPool;
import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.DropLedger;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.Source;
import io.logship.config.LogshipConfig;
import io.logship.config.Redacted;
import io.logship.intake.LocalIntake;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: a {@link Source} for every {@code logs:} entry, the record path (frame, enrich, batch), the
 * bounded batch queue or the disk spool, and the sender threads that deliver batches to the {@link Destination}.
 * {@link Pipeline} assembles them from the configuration (the one place that reads {@link LogshipConfig}: every
 * stage below gets plain constructor arguments); this class runs, observes and stops them.
 * With no intake URL and no API key ({@link LogshipConfig#usesLocalIntake()}) it also starts the embedded
 * {@link LocalIntake} and delivers to it.
 *
 * <p>With {@code spool.path} set, records are durable from the moment they are read: each event loop writes them
 * ahead to its journal after every read and appends each finished batch to the disk spool itself
 * ({@link SpoolSinks}); a {@link SpoolSyncer} thread forces the spool per {@code spool.fsync}; the senders read
 * batches back from the spool ({@link SpoolFeed}). What the spool and the journals hold from a previous run is sent
 * first. Without a spool, batches wait in the bounded in-memory {@link BatchQueue}.
 *
 * <p>Threads: one event loop group (one loop per core) runs listeners, connections, batchers and the HTTP client;
 * {@code intake.max_in_flight} sender threads compress and send; one spool syncer thread when spooling.
 *
 * <p>Thread-safe. {@link #close()} is bounded by {@code stop_grace_period}: listeners stop taking connections, open
 * connections are read until they end or go quiet (at most half the grace period), partial lines and open batches
 * are flushed, queued batches are delivered (or spooled) until the grace period ends; then what is on disk stays
 * there for the next start and what is only in memory is counted as lost ({@code shutdown}). Every record read is
 * accounted for: read + from the last run = delivered + kept on disk + lost.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final Duration stopGrace;
    private final EventLoopGroup group;
    private final List<Source> sources;
    private final BatcherGroup batchers;
    private final BatchQueue queue;
    private final SenderPool senders;
    private final SendCounters sendCounters;
    private final InputErrors inputErrors;
    private final ReadGate gate;
    private final URI intakeUrl;
    private final LocalIntake localIntake;
    private final AgentMetrics metrics;
    private final DiskSpool spool;
    private final SpoolFeed spoolFeed;
    private final SpoolSinks spoolSinks;
    private final Thread spoolSyncerThread;
    private final List<SourceMeters> sourceMeters;
    private final long recordsFromLastRun;
    private final DestinationHealth intakeHealth;
    private volatile long discardedAtStop;
    private boolean closed;

    private Agent(Pipeline b) {
        this.stopGrace = b.stopGrace;
        this.group = b.group;
        this.sources = List.copyOf(b.sources);
        this.batchers = b.batchers;
        this.queue = b.queue;
        this.senders = b.senders;
        this.sendCounters = b.sendCounters;
        this.inputErrors = b.inputErrors;
        this.gate = b.gate;
        this.intakeUrl = b.intakeUrl;
        this.localIntake = b.localIntake;
        this.metrics = b.metrics;
        this.spool = b.spool;
        this.spoolFeed = b.spoolFeed;
        this.spoolSinks = b.spoolSinks;
        this.spoolSyncerThread = b.spoolSyncerThread;
        this.sourceMeters = List.copyOf(b.sourceMeters);
        this.recordsFromLastRun = b.recordsFromLastRun;
        this.intakeHealth = b.intakeHealth;
    }

    /**
     * Starts the agent and returns once every listener is bound.
     *
     * @throws IOException when a listener cannot bind or the local intake cannot start (nothing stays running)
     */
    public static Agent start(LogshipConfig config) throws IOException {
        return start(config, new AgentMetrics());
    }

    /**
     * Starts the agent, updating {@code metrics} (serve them with {@code MetricsServer}); returns once every
     * listener is bound.
     *
     * @throws IOException when a listener cannot bind or the local intake cannot start (nothing stays running)
     */
    public static Agent start(LogshipConfig config, AgentMetrics metrics) throws IOException {
        Pipeline b = new Pipeline(metrics);
        try {
            b.build(config);
            Agent agent = new Agent(b);
            LOG.debug(
                    "agent started: sources {}, delivering to {}",
                    agent.sources.stream().map(Source::name).toList(),
                    Redacted.url(agent.intakeUrl));
            return agent;
        } catch (IOException | RuntimeException e) {
            b.abort();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.abort();
            throw new IOException("interrupted while starting", e);
        }
    }

    /** The bound address of each listening source (TCP, UDP), in the order of {@code logs:}. */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Source source : sources) {
            if (source instanceof Listening listening) {
                addresses.add(listening.localAddress());
            }
        }
        return addresses;
    }

    /** The started sources, one per {@code logs:} entry, in the same order. */
    public List<Source> sources() {
        return sources;
    }

    /** Where batches are posted. */
    public URI intakeUrl() {
        return intakeUrl;
    }

    /** The embedded intake, when the agent started one. */
    public Optional<LocalIntake> localIntake() {
        return Optional.ofNullable(localIntake);
    }

    /** The meters this agent updates. */
    public AgentMetrics metrics() {
        return metrics;
    }

    /** What the senders did. */
    public SendCounters sendCounters() {
        return sendCounters;
    }

    /** Every record dropped, by reason: the agent's one drop ledger (also on {@code /metrics}). */
    public DropLedger drops() {
        return metrics.drops();
    }

    /** Whether the destination takes what the senders offer (for {@code /ready}). */
    public DestinationHealth intakeHealth() {
        return intakeHealth;
    }

    /** Records dropped because they alone exceeded the batch byte limit. */
    public long recordsDroppedOversize() {
        return batchers.droppedOversize();
    }

    /** Records only in memory when the grace period of {@link #close()} ended: lost ({@code shutdown}). */
    public long recordsDiscardedAtStop() {
        return discardedAtStop;
    }

    /** Whether a disk spool is configured. */
    public boolean spooling() {
        return spool != null;
    }

    /**
     * Records on disk not yet accepted by the intake: in the spool, and (after {@link #close()} with a full spool) in
     * the journals. After {@link #close()}: kept for the next start.
     */
    public long recordsInSpool() {
        return spoolFeed == null ? 0 : spoolFeed.pendingRecords() + spoolSinks.recordsKeptInJournals();
    }

    /** Records written to the spool since start (0 without a spool). */
    public long recordsSpooled() {
        return spoolSinks == null ? 0 : spoolSinks.recordsSpooled();
    }

    /** Records read by all inputs since start. */
    public long recordsRead() {
        long read = 0;
        for (SourceMeters m : sourceMeters) {
            read += (long) m.recordsIn.count();
        }
        return read;
    }

    /** Records found on disk at start (spool and journals of the previous run), delivered in this run. */
    public long recordsFromLastRun() {
        return recordsFromLastRun;
    }

    /** The spool's state, when a spool is configured. */
    public Optional<SpoolStats> spoolStats() {
        return spool == null ? Optional.empty() : Optional.of(spool.stats());
    }

    /** Bytes of batches held in memory, waiting to be spooled or sent. */
    public long bufferedBytes() {
        return queue.queuedBytes();
    }

    /** Connections or datagrams that ended with an error. */
    public long inputErrors() {
        return inputErrors.count();
    }

    /** Whether the inputs are paused because the batch queue is full. */
    public boolean isBackpressured() {
        return gate.isPaused();
    }

    /**
     * Stops listening, flushes partial lines and open batches, delivers what is queued until
     * {@code stop_grace_period}, then stops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + stopGrace.toNanos();
        long drainDeadline = System.nanoTime() + stopGrace.toNanos() / 2;
        try {
            for (Source source : sources) {
                source.drainAndClose(remaining(drainDeadline));
            }
            // Twice: a closed connection's last line reaches its batcher in a task queued while it closed; the
            // second round runs after every such task.
            batchers.flushAll(remaining(deadline));
            batchers.flushAll(remaining(deadline));
            if (spoolSinks != null) {
                long lost = spoolSinks.close(remaining(deadline));
                if (lost > 0) {
                    metrics.dropped(DropReason.SHUTDOWN, lost);
                    LOG.warn("lost {} records: the spool journal had failed and the spool refused them", lost);
                }
            }
            queue.close();
            if (!senders.stop(remaining(deadline))) {
                LOG.warn(
                        "stop grace period of {} ended before every batch was delivered{}",
                        stopGrace,
                        spool != null ? ": the rest stays in the spool" : "");
            }
            stopSpoolSyncer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.close();
        } finally {
            int discarded = queue.discard();
            discardedAtStop = discarded;
            metrics.dropped(DropReason.SHUTDOWN, discarded);
            if (discarded > 0) {
                LOG.warn("lost {} records held in memory at stop", discarded);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            closeSpool();
            if (localIntake != null) {
                localIntake.close();
            }
        }
    }

    private void stopSpoolSyncer() throws InterruptedException {
        if (spoolSyncerThread == null) {
            return;
        }
        spoolSyncerThread.interrupt();
        spoolSyncerThread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void closeSpool() {
        if (spool == null) {
            return;
        }
        long kept = spoolFeed.pendingRecords();
        try {
            spool.close();
        } catch (IOException e) {
            LOG.error("cannot close the spool {}: {}", spool.directory(), e.getMessage());
        }
        if (kept > 0) {
            LOG.info("{} records stay in the spool {} for the next start", kept, spool.directory());
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
