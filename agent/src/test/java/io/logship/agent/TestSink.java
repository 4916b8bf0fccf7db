package io.logship.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * A tiny intake for faults the local intake has no knob for: it answers each {@code POST} (an uncompressed JSON
 * array, so the agent must use {@code compression: none}) with the status its policy picks, counts the
 * {@code "seq"} of every record it accepts (2xx), and can drop its keep-alive connections. Loopback only.
 */
final class TestSink implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private final int[] seen;
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile ToIntFunction<String> policy = body -> 202;
    private volatile boolean closeEach;

    /** @param offered records are {@code seq} 0..offered-1 */
    TestSink(int offered) throws InterruptedException {
        this.seen = new int[offered];
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20), new Handler());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/api/v2/logs");
    }

    /** The status for a request body (UTF-8 JSON); 2xx stores its records. */
    void policy(ToIntFunction<String> policy) {
        this.policy = policy;
    }

    /** Answer with {@code Connection: close} and close after each answer (no keep-alive). */
    void closeEachConnection(boolean close) {
        this.closeEach = close;
    }

    /** Closes every open connection (a keep-alive drop, as a load balancer or an intake restart does). */
    void dropConnections() {
        children.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    long requests() {
        return requests.get();
    }

    /** Records accepted (2xx), copies included. */
    long accepted() {
        return accepted.get();
    }

    synchronized SeqLines.Tally tally() {
        int delivered = 0;
        int duplicated = 0;
        for (int n : seen) {
            if (n > 0) {
                delivered++;
            }
            if (n > 1) {
                duplicated += n - 1;
            }
        }
        return new SeqLines.Tally(seen.length, delivered, seen.length - delivered, duplicated, foreign.get());
    }

    private synchronized void store(String body) {
        int at = 0;
        while ((at = body.indexOf("\"seq\":", at)) >= 0) {
            int seq = SeqLines.seqOf(body.substring(at));
            if (seq >= 0 && seq < seen.length) {
                seen[seq]++;
            } else {
                foreign.incrementAndGet();
            }
            accepted.incrementAndGet();
            at += 6;
        }
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        children.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.incrementAndGet();
            String body = request.content().toString(UTF_8);
            int status = policy.applyAsInt(body);
            if (status >= 200 && status < 300) {
                store(body);
            }
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status),
                    Unpooled.wrappedBuffer("{}".getBytes(UTF_8)));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request) && !closeEach;
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the client went away; it retries on a new connection
        }
    }
}
