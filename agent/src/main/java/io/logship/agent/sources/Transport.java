package io.logship.agent.sources;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.function.Supplier;

/**
 * The Netty transport: epoll when the native library loads (Linux), NIO otherwise. Event loops and channel
 * types must come from the same transport.
 *
 * @param name {@code epoll} or {@code nio}
 */
public record Transport(
        String name,
        Supplier<IoHandlerFactory> ioHandlers,
        Class<? extends ServerSocketChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    /** epoll if available, else NIO. */
    public static Transport best() {
        return Epoll.isAvailable() ? epoll() : nio();
    }

    /** The JDK's NIO transport, available everywhere. */
    public static Transport nio() {
        return new Transport(
                "nio",
                NioIoHandler::newFactory,
                NioServerSocketChannel.class,
                NioSocketChannel.class,
                NioDatagramChannel.class);
    }

    private static Transport epoll() {
        return new Transport(
                "epoll",
                EpollIoHandler::newFactory,
                EpollServerSocketChannel.class,
                EpollSocketChannel.class,
                EpollDatagramChannel.class);
    }

    /** A new event loop group of this transport with named daemon threads. */
    public EventLoopGroup newGroup(int threads, String threadName) {
        return newGroup(threads, threadName, 0);
    }

    /**
     * A new event loop group whose loops wait up to {@code coalesceNanos} for more ready connections when lightly
     * loaded ({@link CoalescingIoHandler}); 0 = never wait.
     */
    public EventLoopGroup newGroup(int threads, String threadName, long coalesceNanos) {
        return new MultiThreadIoEventLoopGroup(
                threads,
                new DefaultThreadFactory(threadName, true),
                CoalescingIoHandler.wrap(ioHandlers.get(), coalesceNanos));
    }
}
