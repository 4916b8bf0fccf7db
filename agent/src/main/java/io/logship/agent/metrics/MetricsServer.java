package io.logship.agent.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A small HTTP server for operators and orchestrators, on its own single event loop so a busy pipeline cannot
 * starve it.
 *
 * <table>
 *   <caption>Routes (GET only; anything else is 405, unknown paths 404)</caption>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>{@code /metrics}</td><td>200, Prometheus text format 0.0.4</td></tr>
 *   <tr><td>{@code /health}</td><td>200 {@code ok} while the process runs</td></tr>
 *   <tr><td>{@code /ready}</td><td>200 {@code ready} once the inputs listen and until stop begins, and while the
 *       intake takes what is sent; else 503 {@code not ready: <reason>} (see {@link Readiness})</td></tr>
 * </table>
 *
 * <p>Requests are bounded to {@value #MAX_REQUEST_BYTES} bytes; larger ones are answered 413 by Netty's
 * aggregator and the connection is closed.
 */
public final class MetricsServer implements AutoCloseable {
    /** A scrape request has no body; this only bounds what a confused client can make us hold. */
    public static final int MAX_REQUEST_BYTES = 8192;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    private MetricsServer(AgentMetrics metrics, Readiness ready, String bind, int port)
            throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new Routes(metrics, ready));
                    }
                }).bind(bind, port).sync().channel();
    }

    /** {@link #start(AgentMetrics, Readiness, String, int)} with a plain flag: not ready shows no reason. */
    public static MetricsServer start(AgentMetrics metrics, BooleanSupplier ready, String bind, int port) {
        return start(metrics, () -> ready.getAsBoolean() ? Optional.empty() : Optional.of(""), bind, port);
    }

    /** Starts listening on {@code bind:port} (0 picks a free port); fails if the port is taken. */
    public static MetricsServer start(AgentMetrics metrics, Readiness ready, String bind, int port) {
        try {
            return new MetricsServer(metrics, ready, bind, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the metrics endpoint", e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AgentMetrics metrics;
        private final Readiness ready;

        Routes(AgentMetrics metrics, Readiness ready) {
            this.metrics = metrics;
            this.ready = ready;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            FullHttpResponse response;
            if (!path.equals("/metrics") && !path.equals("/health") && !path.equals("/ready")) {
                response = text(HttpResponseStatus.NOT_FOUND, "not found: try /metrics, /health or /ready\n");
            } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
            } else if (path.equals("/metrics")) {
                response = text(HttpResponseStatus.OK, metrics.scrape());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            } else if (path.equals("/health")) {
                response = text(HttpResponseStatus.OK, "ok\n");
            } else {
                Optional<String> why = notReadyBecause();
                response = why.isEmpty() ? text(HttpResponseStatus.OK, "ready\n")
                        : text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                                why.get().isEmpty() ? "not ready\n" : "not ready: " + why.get() + "\n");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private Optional<String> notReadyBecause() {
            try {
                return ready.notReadyBecause();
            } catch (RuntimeException e) {
                return Optional.of("readiness check failed: " + e); // a broken check must not look ready
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A broken scrape connection concerns only that client: close it, the server goes on.
            ctx.close();
        }

        private static FullHttpResponse text(HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            return response;
        }
    }
}
