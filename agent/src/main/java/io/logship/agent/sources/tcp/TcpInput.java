package io.logship.agent.sources.tcp;

import io.logship.agent.frame.LineFramer;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.RecordSink;
import io.logship.agent.sources.Transport;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener for one {@code logs:} source: each connection is admitted or refused by the
 * {@link ConnectionInitializer} (allow-list, caps, TLS), then gets a {@link LineFramer} and a
 * {@link RecordHandler}, and is registered with the {@link ReadGate} for backpressure. After each read the records
 * are written ahead; at stop each connection is read until it ends or goes quiet (both {@link ConnectionActivity}).
 *
 * <p>Limits and what happens at each one:
 * <ul>
 *   <li>{@code max_message_bytes} per line: chunked above (see {@link LineFramer}).</li>
 *   <li>{@code max_connections} open at once: a new connection over it is closed at once and counted
 *       ({@code logship_connections_closed_total{reason="cap"}}); so is one the {@link ConnectionBudget} has no
 *       descriptor for ({@code reason="fd_limit"}). Logged at most every 10 s.</li>
 *   <li>{@code idle_timeout}: a connection that sent nothing for that long is closed and counted
 *       ({@code reason="idle"}); never while the inputs are paused by backpressure (the silence is ours then).
 *       Its partial last line is delivered first.</li>
 *   <li>{@code allow}: a connection from another address is closed at once, before any read
 *       ({@code reason="allow_list"}).</li>
 *   <li>{@code tls}: a client that sends plain text ({@code reason="plaintext_on_tls"}) or fails the handshake
 *       ({@code reason="tls_handshake"}) is closed and counted, logged at most every 10 s ({@link TlsRefusals}).</li>
 *   <li>Accept failures (EMFILE, ENFILE): the listener stops accepting for {@value #ACCEPT_BACKOFF_MILLIS} ms and
 *       logs one line per 10 s, without a stack trace (Netty's own acceptor would log one per failure).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class TcpInput {
    /** How long the listener stops accepting after an accept failed. */
    static final long ACCEPT_BACKOFF_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(TcpInput.class);

    private final Channel server;
    private final ChannelGroup connections;

    private TcpInput(Channel server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Binds the listener with the default connection cap and idle timeout, no TLS, no allow-list and no descriptor
     * budget; returns once bound.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static TcpInput bind(
            String host,
            int port,
            Transport transport,
            EventLoopGroup group,
            RecordSink pipeline,
            ReadGate gate,
            InputErrors errors)
            throws IOException, InterruptedException {
        SocketSource config = new SocketSource(
                SourceType.TCP, host, port, Optional.empty(), Optional.empty(), List.of(), pipeline.maxMessageBytes());
        return bind(config, Optional.empty(), ConnectionBudget.unlimited(), transport, group, pipeline, gate, errors);
    }

    /**
     * Binds the listener of {@code config} (its address, {@code max_connections}, {@code idle_timeout} and
     * {@code allow} list); returns once bound.
     *
     * @param tls when present, the listener speaks TLS only, with this source's certificates
     * @param budget the descriptors all inputs may hold together
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static TcpInput bind(
            SocketSource config,
            Optional<ServerTls> tls,
            ConnectionBudget budget,
            Transport transport,
            EventLoopGroup group,
            RecordSink pipeline,
            ReadGate gate,
            InputErrors errors)
            throws IOException, InterruptedException {
        String host = config.bind();
        int port = config.port();
        ChannelGroup connections = new DefaultChannelGroup("tcp-" + host + ":" + port, GlobalEventExecutor.INSTANCE);
        String name = "tcp " + host + ":" + port;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .handler(new AcceptFailures(name, errors))
                .childHandler(
                        new ConnectionInitializer(config, tls, name, budget, connections, pipeline, gate, errors));
        ChannelFuture bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IOException(
                    "cannot listen on tcp " + host + ":" + port + ": "
                            + bound.cause().getMessage(),
                    bound.cause());
        }
        return new TcpInput(bound.channel(), connections);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Open connections. */
    public int connections() {
        return connections.size();
    }

    public void drainAndClose(Duration drainFor) throws InterruptedException {
        long deadline = System.nanoTime() + drainFor.toNanos();
        server.close().await();
        for (Channel ch : connections) {
            ConnectionActivity activity = ch.pipeline().get(ConnectionActivity.class);
            if (activity != null) {
                activity.drain();
            }
        }
        for (Channel ch : connections) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !ch.closeFuture().await(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        close();
    }

    public void close() throws InterruptedException {
        server.close().await();
        // Closing a connection makes its framer deliver a partial last line before the channel goes.
        ChannelGroupFuture closed = connections.close();
        closed.await();
    }

    @Override
    public String toString() {
        return "tcp " + server.localAddress();
    }

    /**
     * On the listening channel, before Netty's acceptor: an accept that failed (out of file descriptors, mostly)
     * stops accepting for {@value #ACCEPT_BACKOFF_MILLIS} ms and is logged at most every 10 s, without a stack trace.
     * The exception is not passed on: Netty's acceptor would pause for a second and log it each time.
     */
    private static final class AcceptFailures extends ChannelInboundHandlerAdapter {
        private final String name;
        private final InputErrors errors;
        private final LongAdder failures = new LongAdder();

        AcceptFailures(String name, InputErrors errors) {
            this.name = name;
            this.errors = errors;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.increment();
            Channel server = ctx.channel();
            if (server.config().isAutoRead()) {
                server.config().setAutoRead(false);
                server.eventLoop()
                        .schedule(
                                () -> {
                                    if (server.isOpen()) {
                                        server.config().setAutoRead(true);
                                    }
                                },
                                ACCEPT_BACKOFF_MILLIS,
                                TimeUnit.MILLISECONDS);
            }
            if (errors.mayLog(InputErrors.Kind.ACCEPT)) {
                if (cause instanceof IOException) {
                    LOG.warn(
                            "{}: cannot accept connections: {} ({} failed accepts since start); pausing accepts for "
                                    + "{} ms each time, logged at most every {} s",
                            name,
                            cause.getMessage(),
                            failures.sum(),
                            ACCEPT_BACKOFF_MILLIS,
                            InputErrors.LOG_EVERY_SECONDS);
                } else {
                    LOG.warn(
                            "{}: accepting a connection failed ({} failed accepts since start)",
                            name,
                            failures.sum(),
                            cause);
                }
            }
        }
    }
}
