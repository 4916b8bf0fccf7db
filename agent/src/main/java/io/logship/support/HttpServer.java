package io.logship.support;

import io.logship.agent.sources.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one small HTTP/1.1 server of the agent's process, on which the metrics endpoint and the local intake run: its
 * own event loop group of the process's transport ({@link Transport#best()}: epoll on Linux, else NIO), a listening
 * channel bound with a named error, an {@link HttpServerCodec} first in every connection (under {@value #CODEC}), and
 * a bounded close.
 *
 * <p>What comes after the codec is the caller's {@link ConnectionSetup}: typically an aggregator bounding each
 * request, {@link MalformedRequests} (the one answer to a request the codec could not parse), then the request
 * handler; handlers that must see raw bytes (an idle timeout) go {@code addBefore(CODEC, ...)}.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class HttpServer implements AutoCloseable {

    /** The name of the HTTP codec in every connection's pipeline: {@value}. */
    public static final String CODEC = "http";

    /** Pending connections the kernel queues before accepting: {@value}. */
    static final int BACKLOG = 1024;

    /** Sets up one connection's pipeline, in which the server has already put the codec under {@link #CODEC}. */
    @FunctionalInterface
    public interface ConnectionSetup {
        void setUp(SocketChannel channel);
    }

    private final String transportName;
    private final EventLoopGroup group;
    private final Channel channel;
    private final Duration closeTimeout;

    private HttpServer(String transportName, EventLoopGroup group, Channel channel, Duration closeTimeout) {
        this.transportName = transportName;
        this.group = group;
        this.channel = channel;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Starts listening on {@code host:port} (0 picks a free port).
     *
     * @param threadName the event loop threads' name prefix
     * @param threads event loop threads (> 0)
     * @param listener a handler on the listening channel (sees accept failures), or null
     * @param closeTimeout how long {@link #close()} lets connections in progress finish
     * @throws IOException if the address cannot be bound; the message names it
     */
    public static HttpServer start(
            String threadName,
            int threads,
            String host,
            int port,
            ChannelHandler listener,
            ConnectionSetup setup,
            Duration closeTimeout)
            throws IOException {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0: " + threads);
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(threads, threadName);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(CODEC, new HttpServerCodec());
                        setup.setUp(ch);
                    }
                });
        if (listener != null) {
            bootstrap.handler(listener);
        }
        try {
            Channel channel = bootstrap.bind(host, port).sync().channel();
            return new HttpServer(transport.name(), group, channel, closeTimeout);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            // sync() rethrows the bind failure (a checked exception Netty throws undeclared).
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The transport in use: {@code "epoll"} or {@code "nio"}. */
    public String transportName() {
        return transportName;
    }

    /** Stops listening and shuts the event loops down, waiting at most the close timeout. Idempotent. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, closeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
