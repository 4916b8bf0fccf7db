package io.logship.agent.sources.udp;

import io.logship.agent.frame.LineSplitter;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.RecordSink;
import io.logship.agent.sources.Transport;
import io.logship.config.SocketSource;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP listener for one {@code logs:} source: each datagram is split into lines (usually one) with the source's
 * {@code max_message_bytes}, and each line becomes a record.
 *
 * <p>Limits: a datagram is read whole up to {@value #MAX_DATAGRAM_BYTES} bytes (the largest UDP payload); the
 * kernel truncates longer ones. UDP cannot be slowed down: while the {@link ReadGate} is paused (the batch queue is
 * full) datagrams are still read, and their records are dropped and reported to {@code onDropped}, so the loss is
 * counted instead of happening unseen in the kernel. What the kernel itself drops (the socket's receive buffer of
 * {@code receive_buffer_bytes} was full) is read from its counter about once a second and at close
 * ({@link UdpKernelDrops}) and reported to {@code onKernelDrops}, so it is counted too.
 *
 * <p>Thread-safe.
 */
public final class UdpInput {
    /** Receive buffer per datagram: the largest UDP payload over IPv4 is 65,507 bytes. */
    static final int MAX_DATAGRAM_BYTES = 65_536;
    /** Default socket receive buffer asked of the kernel (capped by {@code net.core.rmem_max}): 4 MiB. */
    public static final int SO_RCVBUF_BYTES = SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(UdpInput.class);

    /** How often the kernel's drop counter is read. */
    static final long KERNEL_DROPS_POLL_MILLIS = 1000;

    private final Channel channel;
    private final UdpKernelDrops kernelDrops;
    private final Runnable pollKernelDrops;
    private final ScheduledFuture<?> polling;

    private UdpInput(Channel channel, UdpKernelDrops kernelDrops, Runnable pollKernelDrops) {
        this.channel = channel;
        this.kernelDrops = kernelDrops;
        this.pollKernelDrops = pollKernelDrops;
        this.polling = channel.eventLoop()
                .scheduleAtFixedRate(
                        pollKernelDrops, KERNEL_DROPS_POLL_MILLIS, KERNEL_DROPS_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds the listener; returns once bound.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static UdpInput bind(
            String host,
            int port,
            Transport transport,
            EventLoopGroup group,
            RecordSink pipeline,
            ReadGate gate,
            InputErrors errors,
            IntConsumer onDropped)
            throws IOException, InterruptedException {
        return bind(
                host,
                port,
                SO_RCVBUF_BYTES,
                transport,
                group,
                pipeline,
                gate,
                errors,
                onDropped,
                n -> {},
                a -> true,
                () -> {});
    }

    /**
     * Binds the listener with a receive buffer of {@code receiveBufferBytes}; datagrams the kernel drops are
     * reported to {@code onKernelDrops} (and this source's {@code udpKernelDrops} meter). A datagram whose sender
     * {@code allowed} refuses is dropped unread and reported to {@code onNotAllowed}. Returns once bound.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static UdpInput bind(
            String host,
            int port,
            int receiveBufferBytes,
            Transport transport,
            EventLoopGroup group,
            RecordSink pipeline,
            ReadGate gate,
            InputErrors errors,
            IntConsumer onDropped,
            LongConsumer onKernelDrops,
            Predicate<InetAddress> allowed,
            Runnable onNotAllowed)
            throws IOException, InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new DatagramLines(pipeline, gate, errors, onDropped, allowed, onNotAllowed));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IOException(
                    "cannot listen on udp " + host + ":" + port + ": "
                            + bound.cause().getMessage(),
                    bound.cause());
        }
        Channel channel = bound.channel();
        UdpKernelDrops kernelDrops = UdpKernelDrops.of(channel);
        Runnable poll = () -> {
            long n = kernelDrops.poll();
            if (n <= 0) {
                return;
            }
            pipeline.meters().udpKernelDrops.increment(n);
            onKernelDrops.accept(n);
            if (errors.mayLog(InputErrors.Kind.UDP_KERNEL_DROPS)) {
                LOG.warn(
                        "udp {}: the kernel dropped {} datagrams since the last check (receive buffer full); "
                                + "raise logs[].receive_buffer_bytes (and net.core.rmem_max) or slow the senders",
                        channel.localAddress(),
                        n);
            }
        };
        return new UdpInput(channel, kernelDrops, poll);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The kernel's drop counter of this socket now (-1 if unknown); for tests and diagnostics. */
    long kernelDropsNow() {
        return kernelDrops.read();
    }

    /** Counts what the kernel dropped until now, then closes the socket. */
    public void close() throws InterruptedException {
        polling.cancel(false);
        if (channel.isOpen()) {
            channel.eventLoop().submit(pollKernelDrops).await();
        }
        channel.close().await();
    }

    @Override
    public String toString() {
        return "udp " + channel.localAddress();
    }

    /** Splits each datagram into lines and hands them to the pipeline; the datagram is released after. */
    private static final class DatagramLines extends SimpleChannelInboundHandler<DatagramPacket> {
        private Runnable persist;
        private final RecordSink pipeline;
        private final ReadGate gate;
        private final InputErrors errors;
        private final IntConsumer onDropped;
        private final Predicate<InetAddress> allowed;
        private final Runnable onNotAllowed;
        private final Consumer<ByteBuf> dropLine = this::dropLine;
        private LineSplitter splitter;
        private Consumer<ByteBuf> lines;
        private int droppedLines;

        DatagramLines(
                RecordSink pipeline,
                ReadGate gate,
                InputErrors errors,
                IntConsumer onDropped,
                Predicate<InetAddress> allowed,
                Runnable onNotAllowed) {
            this.pipeline = pipeline;
            this.allowed = allowed;
            this.onNotAllowed = onNotAllowed;
            this.gate = gate;
            this.errors = errors;
            this.onDropped = onDropped;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            splitter = new LineSplitter(pipeline.maxMessageBytes());
            lines = pipeline.forLoop(ctx.channel().eventLoop());
            persist = pipeline.persisterForLoop(ctx.channel().eventLoop());
        }

        /** Once per read burst, not per datagram: the journal write is a syscall. */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            persist.run();
            ctx.fireChannelReadComplete();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (!allowed.test(packet.sender().getAddress())) {
                onNotAllowed.run();
                return;
            }
            pipeline.meters().bytesIn.increment(packet.content().readableBytes());
            if (!gate.isPaused()) {
                splitter.split(packet.content(), true, ctx.alloc(), lines);
                return;
            }
            droppedLines = 0;
            splitter.split(packet.content(), true, ctx.alloc(), dropLine);
            if (droppedLines > 0) {
                onDropped.accept(droppedLines);
            }
        }

        private void dropLine(ByteBuf line) {
            droppedLines++;
            line.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.report(ctx.channel(), cause); // one bad datagram does not close the listener
        }
    }
}
