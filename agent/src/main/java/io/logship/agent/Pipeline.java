package io.logship.agent;

import io.logship.agent.batch.BatchQueue;
import io.logship.agent.batch.BatcherGroup;
import io.logship.agent.buffer.SpoolFeed;
import io.logship.agent.buffer.SpoolSinks;
import io.logship.agent.buffer.SpoolSyncer;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.buffer.spool.SpoolStats;
import io.logship.agent.destinations.BackoffState;
import io.logship.agent.destinations.DeliverySource;
import io.logship.agent.destinations.Destination;
import io.logship.agent.destinations.DestinationHealth;
import io.logship.agent.destinations.QueueSource;
import io.logship.agent.destinations.RetryPolicy;
import io.logship.agent.destinations.SendCounters;
import io.logship.agent.destinations.Sender;
import io.logship.agent.destinations.SenderPool;
import io.logship.agent.destinations.intake.HttpConnection;
import io.logship.agent.destinations.intake.IntakeDestination;
import io.logship.agent.destinations.intake.IntakeEndpoint;
import io.logship.agent.destinations.intake.IntakeRequests;
import io.logship.agent.encode.PayloadEncoder;
import io.logship.agent.enrich.SourceFields;
import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.CoalescingIoHandler;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.Source;
import io.logship.agent.sources.SourceContext;
import io.logship.agent.sources.SourcePipeline;
import io.logship.agent.sources.Transport;
import io.logship.agent.sources.file.FileTailSource;
import io.logship.agent.sources.tcp.ConnectionBudget;
import io.logship.agent.sources.tcp.TcpSource;
import io.logship.agent.sources.udp.UdpSource;
import io.logship.config.BatchLimits;
import io.logship.config.Compression;
import io.logship.config.FileSource;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's assembly: reads the {@link LogshipConfig} and builds the stages in order, the one place that
 * knows every kind of source and destination ({@link #newSource}, {@link #newDestination}): the event loops, the
 * read gate, the local intake when no destination is configured, the batch queue or the disk spool and its
 * syncer, the sender threads with their destination, then one {@link Source} per {@code logs:} entry, each with its
 * own sink ({@link SourcePipeline}) and meters. When a step fails, {@link #abort()} tears down what was built.
 *
 * <p>Adding a source or a destination: one package under {@code sources} or {@code destinations}, one config case,
 * and one case here.
 *
 * <p>Not thread-safe: used by {@link Agent#start} only, which then hands the pieces to the {@link Agent}.
 */
final class Pipeline {
    /** The agent's logger: what the assembly logs reads as the agent's own lines. */
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    Transport transport;
    Duration stopGrace;
    EventLoopGroup group;
    final List<Source> sources = new ArrayList<>();
    BatcherGroup batchers;
    BatchQueue queue;
    SenderPool senders;
    final AgentMetrics metrics;
    final SendCounters sendCounters;
    final InputErrors inputErrors = new InputErrors();
    URI intakeUrl;
    LocalIntake localIntake;
    DiskSpool spool;
    SpoolFeed spoolFeed;
    SpoolSinks spoolSinks;
    Thread spoolSyncerThread;
    final List<SourceMeters> sourceMeters = new ArrayList<>();
    long recordsFromLastRun;
    ReadGate gate;
    ConnectionBudget connectionBudget;
    DestinationHealth intakeHealth;

    Pipeline(AgentMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sendCounters = new SendCounters(metrics);
    }

    void build(LogshipConfig config) throws IOException, InterruptedException {
        stopGrace = config.stopGracePeriod();
        transport = Transport.best();
        group = transport.newGroup(
                Runtime.getRuntime().availableProcessors(),
                "logship-io",
                Long.getLong("logship.coalesceNanos", CoalescingIoHandler.DEFAULT_WINDOW_NANOS));
        gate = new ReadGate(config.buffer().whenFull());
        if (config.usesLocalIntake()) {
            localIntake = startLocalIntake(config);
            intakeUrl = localIntake.logsUrl();
        } else {
            intakeUrl = config.resolvedIntakeUrl();
        }
        queue = new BatchQueue(config.buffer().maxBytes(), gate);
        BatchQueue q = queue;
        metrics.bufferBytes(q::queuedBytes);
        openSpool(config);
        startSenders(config);
        BatchLimits limits = config.batch();
        Runnable oversize = () -> metrics.dropped(DropReason.RECORD_TOO_LARGE, 1);
        if (spool != null) {
            spoolSyncerThread = new Thread(new SpoolSyncer(spool, spoolFeed), "logship-spool-syncer");
            spoolSyncerThread.setDaemon(true);
            spoolSyncerThread.start();
            SpoolSinks sinks = spoolSinks;
            batchers = new BatcherGroup(limits, ByteBufAllocator.DEFAULT, sinks::forLoop, oversize);
            for (EventExecutor loop : group) {
                batchers.forLoop(loop); // journals now
            }
        } else {
            batchers = new BatcherGroup(limits, ByteBufAllocator.DEFAULT, queue::offer, oversize);
        }
        for (int i = 0; i < config.logs().size(); i++) {
            start(i, config.logs().get(i), config);
        }
    }

    /** The embedded intake; a failure names {@code local_intake.port} or {@code local_intake.path}. */
    private static LocalIntake startLocalIntake(LogshipConfig agentConfig) throws IOException {
        var config = agentConfig.localIntake();
        try {
            return LocalIntake.start(LocalIntakeOptions.builder(config.path())
                    .host(config.bind())
                    .port(config.port())
                    .maxStoredBytes(config.maxBytes())
                    .maxAge(config.maxAge())
                    .build());
        } catch (IOException e) {
            if (StartFailure.isBindFailure(e)) {
                throw StartFailure.cannotListen(
                        "local intake",
                        config.bind() + ":" + config.port(),
                        e,
                        "local_intake.port",
                        "local_intake.bind");
            }
            throw StartFailure.cannotUseDirectory(
                    "local intake (data in " + config.path() + ")", e, "local_intake.path");
        }
    }

    private void openSpool(LogshipConfig config) throws IOException {
        if (!config.spool().enabled()) {
            return;
        }
        Path dir = config.spool().path().orElseThrow();
        try {
            spool = DiskSpool.open(
                    dir,
                    config.spool().maxBytes(),
                    config.spool().fsync(),
                    config.spool().fsyncInterval());
        } catch (IOException e) {
            throw StartFailure.cannotUseDirectory("spool (spool.path " + dir + ")", e, "spool.path");
        }
        spoolFeed = new SpoolFeed(spool, sendCounters);
        long inSpool = spoolFeed.pendingRecords();
        spoolSinks = SpoolSinks.open(
                spool, spoolFeed, gate::pause, gate::resume, config.batch().maxBytes());
        recordsFromLastRun = inSpool + spoolSinks.recordsRecovered();
        DiskSpool s = spool;
        SpoolSinks sinks = spoolSinks;
        metrics.spool(s::stats, sinks::recordsSpooled);
        SpoolStats stats = spool.stats();
        LOG.info(
                "spool at {} (max {} bytes, fsync {}): {} batches ({} records) from a previous run to send first"
                        + "{}",
                dir,
                config.spool().maxBytes(),
                config.spool().fsync(),
                stats.pendingEntries(),
                spoolFeed.pendingRecords(),
                stats.corruptEntriesSkipped() + stats.tornTails() > 0
                        ? "; skipped " + stats.corruptEntriesSkipped() + " corrupt entries and " + stats.tornTails()
                                + " torn tails (" + stats.bytesSkipped() + " bytes)"
                        : "");
    }

    private void startSenders(LogshipConfig config) throws IOException {
        RetryPolicy policy = new RetryPolicy(
                config.retry().base(),
                config.retry().factor(),
                config.retry().max(),
                () -> ThreadLocalRandom.current().nextDouble());
        DeliverySource source = spoolFeed != null ? spoolFeed : new QueueSource(queue);
        BackoffState backoff = new BackoffState(policy);
        intakeHealth = backoff.health();
        senders = SenderPool.start(
                config.intake().maxInFlight(),
                source,
                newDestination(config, backoff.health()),
                backoff,
                sendCounters,
                Sender.DEFAULT_MAX_ATTEMPTS);
    }

    /** The destination's factory (one instance per sender thread): the one case per kind of destination. */
    private Supplier<Destination> newDestination(LogshipConfig config, DestinationHealth health) throws IOException {
        IntakeEndpoint endpoint = IntakeEndpoint.of(intakeUrl);
        Compression encoding = config.intake().compression();
        int level = config.intake().compressionLevel();
        String apiKey = config.apiKey().isPresent() ? config.apiKey().reveal() : null;
        IntakeRequests requests = new IntakeRequests(endpoint, apiKey, encoding);
        SslContext ssl = endpoint.tls() ? SslContextBuilder.forClient().build() : null;
        Bootstrap client = new Bootstrap().group(group).channel(transport.socketChannel());
        Duration timeout = config.intake().timeout();
        return () -> new IntakeDestination(
                new PayloadEncoder(encoding, level, ByteBufAllocator.DEFAULT),
                new HttpConnection(client, requests, ssl),
                health,
                sendCounters,
                timeout);
    }

    /**
     * Builds and starts the source of one {@code logs:} entry, with its own sink and meters; a failure names the
     * entry ({@code logs[0] (tcp) cannot listen on ...: address already in use - change logs[0].port}).
     */
    private void start(int index, LogSource entry, LogshipConfig config) throws IOException, InterruptedException {
        String ddtags = SourceFields.joinTags(entry.tags(), config.tags());
        SourceFields fields = new SourceFields(
                config.hostname(), entry.service().orElse(null), entry.source().orElse(null), ddtags);
        Source source = newSource(entry, config);
        SourceMeters meters = metrics.source(source.name());
        sourceMeters.add(meters);
        SourcePipeline pipeline = new SourcePipeline(
                fields,
                entry.maxMessageBytes(),
                SourcePipeline.maxRecordBytes(config.batch().maxBytes()),
                batchers,
                System::currentTimeMillis,
                meters,
                gate::dropsNow,
                () -> metrics.dropped(DropReason.BUFFER_FULL, 1));
        try {
            source.start(new SourceContext(
                    pipeline,
                    group,
                    transport,
                    gate,
                    inputErrors,
                    metrics.drops(),
                    config.spool().path()));
        } catch (IOException e) {
            throw startFailure(index, entry, e);
        }
        sources.add(source);
    }

    private static StartFailure startFailure(int index, LogSource entry, IOException e) {
        String component = "logs[" + index + "]";
        String named = component + " (" + entry.type().name().toLowerCase(Locale.ROOT) + ")";
        if (entry instanceof SocketSource socket) {
            return StartFailure.cannotListen(
                    named, socket.bind() + ":" + socket.port(), e, component + ".port", component + ".bind");
        }
        return StartFailure.cannotStart(named, e, "check " + component);
    }

    /** The source of one {@code logs:} entry: the one case per kind of source. */
    private Source newSource(LogSource entry, LogshipConfig config) {
        if (entry instanceof SocketSource socket) {
            return socket.type() == SourceType.UDP
                    ? new UdpSource(socket)
                    : new TcpSource(socket, connectionBudget(config));
        }
        if (entry instanceof FileSource file) {
            return new FileTailSource(file);
        }
        throw new IllegalArgumentException("unknown kind of source: " + entry.type());
    }

    /** The descriptors all TCP inputs may hold, read once from the process limit (warns when it binds). */
    private ConnectionBudget connectionBudget(LogshipConfig config) {
        if (connectionBudget == null) {
            connectionBudget = ConnectionBudget.forProcess(config.logs().stream()
                    .filter(s -> s.type() == SourceType.TCP)
                    .mapToLong(s -> ((SocketSource) s).maxConnections())
                    .sum());
        }
        return connectionBudget;
    }

    void abort() {
        try {
            for (Source source : sources) {
                source.close();
            }
            if (queue != null) {
                queue.close();
            }
            if (senders != null) {
                senders.stop(Duration.ZERO);
            }
            if (spoolSyncerThread != null) {
                spoolSyncerThread.interrupt();
                spoolSyncerThread.join(5000);
            }
            if (queue != null) {
                queue.discard();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            if (spool != null) {
                try {
                    spool.close();
                } catch (IOException e) {
                    LOG.error("cannot close the spool {}: {}", spool.directory(), e.getMessage());
                }
            }
            if (localIntake != null) {
                localIntake.close();
            }
        }
    }
}
