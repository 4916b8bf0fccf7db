package io.logship.agent.input;

import io.logship.agent.frame.LineFramer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A TCP listener for one {@code logs:} source: each connection gets a {@link LineFramer} and a
 * {@link RecordHandler}, and is registered with the {@link ReadGate} for backpressure. After each read the records
 * are written ahead ({@link WriteAheadAfterRead}); at stop each connection is read until it ends or goes quiet
 * ({@link ConnectionDrain}).
 *
 * <p>Limits: the source's {@code max_message_bytes} per line (chunked above, see {@link LineFramer}); connections
 * are not capped here (each costs a few KiB until it sends data).
 *
 * <p>Thread-safe.
 */
public final class TcpInput implements Input {
    private final Channel server;
    private final ChannelGroup connections;

    private TcpInput(Channel server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Binds the listener; returns once bound.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static TcpInput bind(String host, int port, Transport transport, EventLoopGroup group,
                                SourcePipeline pipeline, ReadGate gate, InputErrors errors)
            throws IOException, InterruptedException {
        ChannelGroup connections = new DefaultChannelGroup("tcp-" + host + ":" + port, GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        gate.register(ch);
                        pipeline.meters().openConnections.incrementAndGet();
                        ch.closeFuture().addListener(f -> pipeline.meters().openConnections.decrementAndGet());
                        ch.pipeline().addLast(new ConnectionDrain(), new BytesInCounter(pipeline.meters().bytesIn),
                                new WriteAheadAfterRead(pipeline),
                                new LineFramer(pipeline.maxMessageBytes()),
                                new RecordHandler(pipeline, errors));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on tcp " + host + ":" + port + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return new TcpInput(bound.channel(), connections);
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Open connections. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void drainAndClose(Duration drainFor) throws InterruptedException {
        long deadline = System.nanoTime() + drainFor.toNanos();
        server.close().await();
        for (Channel ch : connections) {
            ConnectionDrain drain = ch.pipeline().get(ConnectionDrain.class);
            if (drain != null) drain.start();
        }
        for (Channel ch : connections) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !ch.closeFuture().await(left, TimeUnit.NANOSECONDS)) break;
        }
        close();
    }

    @Override
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
}
