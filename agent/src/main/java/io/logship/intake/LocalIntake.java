package io.logship.intake;

import io.logship.agent.sources.Transport;
import io.logship.intake.search.SearchIndex;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Datadog-compatible local intake: a running HTTP server plus its store, counters and test knobs.
 *
 * <pre>{@code
 * try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir).port(0).knobs(true).build())) {
 *     URI url = intake.logsUrl();                 // http://127.0.0.1:<port>/api/v2/logs
 *     intake.knobs().failNext(2, 429, Optional.of(Duration.ofSeconds(1)));
 *     ... send ...
 *     List<StoredRecord> latest = intake.query(RecordQuery.all().withService("api"));
 * }
 * }</pre>
 *
 * <p>The routes, limits and self-generated answers are listed in the package documentation and in
 * {@link IntakeRouter}. A 202 means the request's records are committed to the store's file: they survive
 * {@link #close()}, a killed process, and a new {@link #start} on the same data directory. Request bodies held by
 * all connections together stay within {@link LocalIntakeOptions#maxBufferedBodyBytes()}
 * ({@link #bufferedBodyBytes()}); the control routes and {@link #knobs()} are off unless
 * {@link LocalIntakeOptions#knobs()}.
 *
 * <p>Thread-safe. {@link #query}, {@link #count} and {@link #deleteAll} block on the database: call them from test
 * or worker threads, not from an event loop. {@link #close()} is idempotent and bounded (a few seconds).
 *
 * <p><b>Pitfalls:</b> two intakes cannot share a data directory (the database file is locked); in discard mode
 * nothing new is stored, so {@link #query} only shows records of earlier runs.
 */
public final class LocalIntake implements AutoCloseable {
    /** How long {@link #close()} waits for requests in progress to finish. */
    static final long CLOSE_TIMEOUT_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(LocalIntake.class);

    /**
     * How often retention runs ({@link LocalIntakeOptions#maxAge()}, {@link LocalIntakeOptions#maxStoredBytes()}):
     * a record may outlive its age, or the store pass its size, by about this much plus one run's work.
     */
    public static final Duration RETENTION_INTERVAL = Duration.ofSeconds(1);

    private final LocalIntakeOptions options;
    private final IntakeStore store;
    private final SearchIndex searchIndex;
    private final Knobs knobs = new Knobs();
    private final RouteStats stats = new RouteStats();
    private final BodyBudget bodyBudget;
    private final ExecutorService workers;
    private final ScheduledExecutorService retention;
    private final EventLoopGroup group;
    /**
     * Event loop threads: they only parse HTTP and copy bodies, the work happens on {@link IntakeWorkers}, so
     * one is enough for a single shipper and two leave room for several.
     */
    static final int DEFAULT_EVENT_LOOP_THREADS =
            Math.min(2, Runtime.getRuntime().availableProcessors());

    private final Transport transport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel serverChannel;

    private LocalIntake(LocalIntakeOptions options, IntakeStore store, SearchIndex searchIndex) {
        this.options = options;
        this.store = store;
        this.searchIndex = searchIndex;
        this.bodyBudget = new BodyBudget(options.maxBufferedBodyBytes());
        this.workers = IntakeWorkers.create();
        this.retention = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "logship-intake-retention");
            thread.setDaemon(true);
            return thread;
        });
        this.transport = Transport.best();
        this.group = transport.newGroup(DEFAULT_EVENT_LOOP_THREADS, "logship-intake-io");
    }

    /**
     * Opens the store and starts listening.
     *
     * @throws IOException if the data directory or database cannot be opened, or the address cannot be bound;
     *                     the message names the directory or the address
     */
    public static LocalIntake start(LocalIntakeOptions options) throws IOException {
        IntakeStore store = IntakeStore.open(options.dataDirectory());
        SearchIndex searchIndex;
        try {
            searchIndex = SearchIndex.open(options.dataDirectory(), store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new IOException(
                    "cannot open the search index in " + options.dataDirectory() + ": " + e.getMessage(), e);
        }
        LocalIntake intake = new LocalIntake(options, store, searchIndex);
        try {
            intake.bind();
            intake.scheduleRetention();
            return intake;
        } catch (IOException | RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    private void bind() throws IOException {
        IngestRoute ingest = new IngestRoute(options, store, knobs, stats);
        IntakeRouter router =
                new IntakeRouter(this, ingest, stats, new RequestGuard(options.host(), this::port), options.knobs());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new IntakeChannelInitializer(options, bodyBudget, router, stats, workers));
        try {
            serverChannel =
                    bootstrap.bind(options.host(), options.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + options.host() + ":" + options.port(), e);
        } catch (Exception e) {
            // sync() rethrows the bind failure (a checked exception Netty throws undeclared).
            throw new IOException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
    }

    private void scheduleRetention() {
        long millis = RETENTION_INTERVAL.toMillis();
        retention.scheduleWithFixedDelay(this::expireOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void expireOnce() {
        try {
            if (store.expire(Instant.now(), options.maxAge(), options.maxStoredBytes()) > 0) {
                searchIndex.syncDeletions();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // Counted nowhere else, so reported here; a later run retries (an exception would stop the schedule).
            if (!closed.get()) {
                LOG.warn("local intake: retention failed, retrying in {}: {}", RETENTION_INTERVAL, e.toString());
            }
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The base URL, {@code http://host:port}. */
    public URI baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** Where shippers post: {@code http://host:port/api/v2/logs}. */
    public URI logsUrl() {
        return baseUrl().resolve(IntakeRouter.LOGS_V2);
    }

    /** The options it was started with. */
    public LocalIntakeOptions options() {
        return options;
    }

    /** The transport in use: {@code "epoll"} or {@code "nio"}. */
    public String transportName() {
        return transport.name();
    }

    /**
     * The test knobs (fail next N, delay, clear).
     *
     * @throws IllegalStateException when the intake was started without {@link LocalIntakeOptions#knobs()}
     */
    public Knobs knobs() {
        if (!options.knobs()) {
            throw new IllegalStateException("the intake's knobs are off: start it with "
                    + "LocalIntakeOptions.builder(..).knobs(true) (or --knobs on the command line)");
        }
        return knobs;
    }

    /** Request-body bytes all connections hold right now; never above {@link #maxBufferedBodyBytes()}. */
    public long bufferedBodyBytes() {
        return bodyBudget.bufferedBytes();
    }

    /** The highest {@link #bufferedBodyBytes()} since start. */
    public long peakBufferedBodyBytes() {
        return bodyBudget.peakBytes();
    }

    /** The shared body budget, {@link LocalIntakeOptions#maxBufferedBodyBytes()}. */
    public long maxBufferedBodyBytes() {
        return bodyBudget.limitBytes();
    }

    /** Requests refused (503, connection closed) because their body would have passed the shared budget. */
    public long bodiesRefused() {
        return bodyBudget.refusals();
    }

    /** The underlying store, for callers that want it directly. */
    public IntakeStore store() {
        return store;
    }

    /** The search index over the store (the explorer's routes). */
    public SearchIndex searchIndex() {
        return searchIndex;
    }

    /** Stored records matching {@code query}, newest first. */
    public List<StoredRecord> query(RecordQuery query) {
        try {
            return store.query(query);
        } catch (SQLException e) {
            throw new IntakeStoreException("cannot query the intake store", e);
        }
    }

    /** How many stored records match {@code query} (its limit is ignored). */
    public long count(RecordQuery query) {
        try {
            return store.count(query);
        } catch (SQLException e) {
            throw new IntakeStoreException("cannot count in the intake store", e);
        }
    }

    /** Deletes every stored record; returns how many there were. Counters are kept. */
    public long deleteAll() {
        try {
            long deleted = store.deleteAll();
            searchIndex.syncDeletions();
            return deleted;
        } catch (SQLException | IOException e) {
            throw new IntakeStoreException("cannot delete from the intake store", e);
        }
    }

    /** Answers since start: route → HTTP status → count. Unknown paths are under {@code "(other)"}. */
    public Map<String, Map<Integer, Long>> routeStats() {
        return stats.snapshot();
    }

    /** Records accepted since start (stored, or only counted in discard mode). */
    public long recordsAccepted() {
        return stats.recordsAccepted();
    }

    /** A snapshot of every counter, plus the number of stored records. */
    public IntakeStatus status() {
        ProbeHistogram.Summary probes = stats.probes().summary();
        return new IntakeStatus(
                options.mode(),
                stats.recordsAccepted(),
                stats.bytesAccepted(),
                count(RecordQuery.all()),
                store.storedBytes(),
                store.expiredRecords(),
                stats.snapshot(),
                probes.count(),
                probes.p50Micros(),
                probes.p99Micros(),
                probes.maxMicros());
    }

    /** Sets the in-memory counters back to zero (stored records stay). */
    public void resetStats() {
        stats.reset();
    }

    /** Stops listening, lets requests in progress finish (bounded), then closes the store. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        retention.shutdown();
        workers.shutdown();
        try {
            if (!retention.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                retention.shutdownNow();
            }
            if (!workers.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        searchIndex.close();
        store.close();
    }
}
