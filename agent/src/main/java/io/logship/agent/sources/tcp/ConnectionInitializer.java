package io.logship.agent.sources.tcp;

import io.logship.agent.frame.LineFramer;
import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.RecordSink;
import io.logship.config.SocketSource;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses each new connection of one TCP source, once, before anything is read from it, and builds the
 * pipeline of an admitted one. In order: the {@code allow} list ({@code reason="allow_list"}), the descriptor budget
 * ({@code fd_limit}), {@code max_connections} ({@code cap}); a refused connection is closed at once, counted, and
 * logged at most every {@value InputErrors#LOG_EVERY_SECONDS} s. An admitted connection is counted as accepted and
 * gets, in order: the TLS handler and {@link TlsRefusals} (TLS sources), {@link ConnectionActivity} (bytes in, idle
 * timeout, write-ahead, drain at stop), {@link LineFramer} and {@link RecordHandler}.
 *
 * <p>The decisions cost one address comparison and two atomic counters per connection, never anything per record.
 * Thread-safe: one instance serves every connection of the source.
 */
final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionInitializer.class);

    private final SocketSource config;
    private final Optional<ServerTls> tls;
    private final String name;
    private final ConnectionBudget budget;
    private final ChannelGroup connections;
    private final RecordSink pipeline;
    private final ReadGate gate;
    private final InputErrors errors;
    private final SourceMeters meters;
    private final TlsRefusals tlsRefusals;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionInitializer(
            SocketSource config,
            Optional<ServerTls> tls,
            String name,
            ConnectionBudget budget,
            ChannelGroup connections,
            RecordSink pipeline,
            ReadGate gate,
            InputErrors errors) {
        if (config.maxConnections() <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0: " + config.maxConnections());
        }
        this.config = config;
        this.tls = tls;
        this.name = name;
        this.budget = budget;
        this.connections = connections;
        this.pipeline = pipeline;
        this.gate = gate;
        this.errors = errors;
        this.meters = pipeline.meters();
        this.tlsRefusals =
                new TlsRefusals(name, meters.connectionsClosedPlaintext, meters.connectionsClosedTlsHandshake, errors);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        InetSocketAddress peer = ch.remoteAddress();
        if (peer != null && !config.allows(peer.getAddress())) {
            refuse(ch, meters.connectionsClosedAllowList, "its address is not in the allow list");
            return;
        }
        if (!budget.tryAcquire()) {
            refuse(
                    ch,
                    meters.connectionsClosedFdLimit,
                    "too few file descriptors are left (" + budget.limit() + " connections held by all tcp sources)");
            return;
        }
        if (open.incrementAndGet() > config.maxConnections()) {
            open.decrementAndGet();
            budget.release();
            refuse(ch, meters.connectionsClosedCap, "max_connections (" + config.maxConnections() + ") are open");
            return;
        }
        meters.connectionsAccepted.increment();
        connections.add(ch);
        gate.register(ch);
        meters.openConnections.incrementAndGet();
        ch.closeFuture().addListener(f -> {
            meters.openConnections.decrementAndGet();
            open.decrementAndGet();
            budget.release();
        });
        if (tls.isPresent()) {
            ch.pipeline().addLast(tls.get().newHandler(ch.alloc()), tlsRefusals);
        }
        ch.pipeline()
                .addLast(
                        new ConnectionActivity(
                                meters.bytesIn, pipeline, gate, meters.connectionsClosedIdle, config.idleTimeout()),
                        new LineFramer(pipeline.maxMessageBytes()),
                        new RecordHandler(pipeline, errors));
    }

    private void refuse(SocketChannel ch, Counter counter, String why) {
        counter.increment();
        ch.close();
        if (errors.mayLog(InputErrors.Kind.REFUSED)) {
            LOG.warn(
                    "{}: closed a new connection from {} at once: {} ({} such since start; logged at most every {} s)",
                    name,
                    ch.remoteAddress(),
                    why,
                    (long) counter.count(),
                    InputErrors.LOG_EVERY_SECONDS);
        }
    }
}
