package io.logship.intake;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Picks epoll when the native library loads, NIO otherwise. */
enum IntakeTransport {
    EPOLL,
    NIO;

    /**
     * Event loop threads: they only parse HTTP and copy bodies, the work happens on {@link IntakeWorkers}, so
     * one is enough for a single shipper and two leave room for several.
     */
    static final int DEFAULT_EVENT_LOOP_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    static IntakeTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    EventLoopGroup newGroup() {
        IoHandlerFactory factory = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(DEFAULT_EVENT_LOOP_THREADS,
                new DefaultThreadFactory("logship-intake-io", true), factory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
