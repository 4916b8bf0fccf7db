package io.logship.agent.metrics;

import io.logship.support.HttpServer;
import io.logship.support.MalformedRequests;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for operators and orchestrators, on its own single event loop so a busy pipeline cannot
 * starve it: the routes below on the process's one {@link HttpServer}.
 *
 * <table>
 *   <caption>Routes (GET only; anything else is 405, unknown paths 404)</caption>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>{@code /metrics}</td><td>200, Prometheus text format 0.0.4</td></tr>
 *   <tr><td>{@code /status}</td><td>200, the agent's state as JSON, for {@code logship-agent status}
 *       (see {@link AgentMetrics#statusJson()})</td></tr>
 *   <tr><td>{@code /health}</td><td>200 {@code ok} while the process runs</td></tr>
 *   <tr><td>{@code /ready}</td><td>200 {@code ready} once the inputs listen and until stop begins, and while the
 *       intake takes what is sent; else 503 {@code not ready: <reason>} (see {@link Readiness})</td></tr>
 * </table>
 *
 * <p>Requests are bounded to {@value #MAX_REQUEST_BYTES} bytes; larger ones are answered 413 by Netty's
 * aggregator and the connection is closed. A request the codec cannot parse is answered 400 and the connection
 * closed ({@link MalformedRequests}).
 *
 * <p>Out of file descriptors: the server holds one spare descriptor (an open {@code /dev/null}). When an accept
 * fails (EMFILE, ENFILE) it gives the spare back to the system, so the next accept gets it and the scrape is
 * answered; the spare is taken again when that connection closes. If there was no spare to give, it stops accepting
 * for {@value #ACCEPT_BACKOFF_MILLIS} ms. Either way nothing is logged above debug level and Netty's acceptor never
 * sees the failure (it would log a stack trace and pause a second). The inputs keep their own budget below the
 * process limit ({@code io.logship.agent.sources.tcp.ConnectionBudget}), so this is the second line of defence.
 */
public final class MetricsServer implements AutoCloseable {
    /** A scrape request has no body; this only bounds what a confused client can make us hold. */
    public static final int MAX_REQUEST_BYTES = 8192;
    /** How long the server stops accepting after an accept failed with no spare descriptor to give back. */
    static final long ACCEPT_BACKOFF_MILLIS = 100;
    /** How long {@link #close()} lets a scrape in progress finish. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final SpareDescriptor spare = new SpareDescriptor();
    private final HttpServer server;

    private MetricsServer(AgentMetrics metrics, Readiness ready, String bind, int port) throws IOException {
        spare.acquire();
        try {
            server = startServer(metrics, ready, bind, port);
        } catch (IOException e) {
            spare.release();
            throw e;
        }
    }

    private HttpServer startServer(AgentMetrics metrics, Readiness ready, String bind, int port) throws IOException {
        MalformedRequests malformed =
                new MalformedRequests(request -> Routes.text(HttpResponseStatus.BAD_REQUEST, "malformed request\n"));
        return HttpServer.start(
                "logship-metrics",
                1,
                bind,
                port,
                new AcceptFailures(spare),
                ch -> {
                    ch.closeFuture().addListener(f -> spare.acquire());
                    ch.pipeline()
                            .addLast(
                                    new HttpObjectAggregator(MAX_REQUEST_BYTES), malformed, new Routes(metrics, ready));
                },
                CLOSE_TIMEOUT);
    }

    /** {@link #start(AgentMetrics, Readiness, String, int)} with a plain flag: not ready shows no reason. */
    public static MetricsServer start(AgentMetrics metrics, BooleanSupplier ready, String bind, int port) {
        return start(metrics, () -> ready.getAsBoolean() ? Optional.empty() : Optional.of(""), bind, port);
    }

    /** Starts listening on {@code bind:port} (0 picks a free port); fails if the port is taken. */
    public static MetricsServer start(AgentMetrics metrics, Readiness ready, String bind, int port) {
        try {
            return new MetricsServer(metrics, ready, bind, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
        spare.release();
    }

    /** One descriptor held in reserve, given back when the process runs out. Used from the server's event loop. */
    private static final class SpareDescriptor {
        private FileChannel held;

        synchronized void acquire() {
            if (held != null) {
                return;
            }
            try {
                held = FileChannel.open(Path.of("/dev/null"));
            } catch (IOException | RuntimeException e) {
                held = null; // still out of descriptors, or no /dev/null: try again at the next close
            }
        }

        /** Gives the descriptor back; false if none was held. */
        synchronized boolean release() {
            if (held == null) {
                return false;
            }
            try {
                held.close();
            } catch (IOException ignored) {
                // closing /dev/null does not fail in a way that matters: the descriptor is gone either way
            }
            held = null;
            return true;
        }
    }

    /** On the listening channel, before Netty's acceptor: see the class comment. */
    private static final class AcceptFailures extends ChannelInboundHandlerAdapter {
        private final SpareDescriptor spare;

        AcceptFailures(SpareDescriptor spare) {
            this.spare = spare;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("metrics endpoint: accept failed: {}", cause.toString());
            if (spare.release()) {
                return; // the next accept gets the spare descriptor
            }
            Channel server = ctx.channel();
            if (!server.config().isAutoRead()) {
                return;
            }
            server.config().setAutoRead(false);
            server.eventLoop()
                    .schedule(
                            () -> {
                                if (server.isOpen()) {
                                    server.config().setAutoRead(true);
                                }
                                spare.acquire();
                            },
                            ACCEPT_BACKOFF_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
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
            if (!path.equals("/metrics")
                    && !path.equals("/health")
                    && !path.equals("/ready")
                    && !path.equals("/status")) {
                response = text(HttpResponseStatus.NOT_FOUND, "not found: try /metrics, /status, /health or /ready\n");
            } else if (!request.method().equals(HttpMethod.GET)
                    && !request.method().equals(HttpMethod.HEAD)) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
            } else if (path.equals("/metrics")) {
                response = text(HttpResponseStatus.OK, metrics.scrape());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            } else if (path.equals("/status")) {
                response = text(HttpResponseStatus.OK, metrics.statusJson());
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            } else if (path.equals("/health")) {
                response = text(HttpResponseStatus.OK, "ok\n");
            } else {
                Optional<String> why = notReadyBecause();
                response = why.isEmpty()
                        ? text(HttpResponseStatus.OK, "ready\n")
                        : text(
                                HttpResponseStatus.SERVICE_UNAVAILABLE,
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
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            return response;
        }
    }
}
