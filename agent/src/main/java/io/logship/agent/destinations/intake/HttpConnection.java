package io.logship.agent.destinations.intake;

import io.logship.config.Redacted;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One keep-alive HTTP/1.1 connection to the intake, used by one sender thread for one request at a time.
 *
 * <p>Connects lazily and again after the peer closed, a response said {@code Connection: close}, or an attempt
 * failed or timed out (a late answer must never be taken for the next request's). With https the certificate is
 * checked against the JDK's default trust store and the host name is verified (endpoint identification
 * {@code HTTPS}).
 *
 * <p>Limits: a response body over {@value #MAX_RESPONSE_BYTES} bytes fails the attempt (the intake answers
 * {@code {}} or a short error list). Each {@link #post} has one deadline covering connect, write and response.
 *
 * <p>Threads: {@link #post} blocks its caller (a sender thread, never an event loop). Not thread-safe.
 */
public final class HttpConnection implements AutoCloseable {
    /** Largest response body accepted, in bytes. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final Bootstrap bootstrap;
    private final IntakeRequests requests;
    private Channel channel;

    /**
     * @param bootstrap a bootstrap with group and channel type set; copied, not modified
     * @param requests builds each request and knows the endpoint
     * @param sslContext the client TLS context for https, or null for http
     */
    public HttpConnection(Bootstrap bootstrap, IntakeRequests requests, SslContext sslContext) {
        this.requests = Objects.requireNonNull(requests, "requests");
        IntakeEndpoint endpoint = requests.endpoint();
        if (endpoint.tls() && sslContext == null) {
            throw new IllegalArgumentException("https needs an SslContext");
        }
        this.bootstrap = bootstrap
                .clone()
                .remoteAddress(endpoint.host(), endpoint.port())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (endpoint.tls()) {
                            ch.pipeline().addLast(sslHandler(sslContext, ch, endpoint));
                        }
                        ch.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(MAX_RESPONSE_BYTES),
                                        new ResponseHandler());
                    }
                });
    }

    /**
     * Sends one request with {@code body} and waits for the answer.
     *
     * @param body the encoded body; not released (a retained duplicate is sent)
     * @param timeout deadline for connect, write and response together
     * @throws TimeoutException when the deadline passes (the connection is closed)
     * @throws IOException when the connection fails or closes before an answer
     * @throws InterruptedException when the calling thread is interrupted (the connection is closed)
     */
    public DeliveryResponse post(ByteBuf body, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean ok = false;
        try {
            Channel ch = connected(deadline);
            CompletableFuture<DeliveryResponse> answer = new CompletableFuture<>();
            ch.pipeline().get(ResponseHandler.class).expect(answer);
            ch.writeAndFlush(requests.create(body.retainedDuplicate())).addListener(w -> {
                if (!w.isSuccess()) {
                    answer.completeExceptionally(w.cause());
                }
            });
            DeliveryResponse response;
            try {
                response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new TimeoutException("no answer from " + this + " within " + timeout.toMillis() + " ms");
            }
            ok = response.keepAlive();
            return response;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause.getMessage(), cause);
        } finally {
            if (!ok) {
                closeChannel();
            }
        }
    }

    private Channel connected(long deadline) throws IOException, TimeoutException, InterruptedException {
        if (channel != null && channel.isActive()) {
            return channel;
        }
        closeChannel();
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        ChannelFuture connect = bootstrap
                .clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, remainingMillis))
                .connect();
        // Kept even when the connect failed at once (e.g. EMFILE: no socket, a channel that never registered), so
        // the next attempt closes it the safe way and starts afresh.
        channel = connect.channel();
        if (!connect.await(remainingMillis + 100, TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("connecting to " + this + " took over " + remainingMillis + " ms");
        }
        if (!connect.isSuccess()) {
            Throwable cause = connect.cause();
            throw new IOException(
                    "cannot connect to " + this + ": " + Redacted.text(String.valueOf(innermost(cause))), cause);
        }
        return channel;
    }

    /**
     * Forgets the channel and closes it. Never throws: a channel that never registered with an event loop (the
     * connect failed before, e.g. out of file descriptors) has no pipeline to close through, and must not keep
     * every later attempt from reconnecting.
     */
    private void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch == null) {
            return;
        }
        try {
            if (ch.isRegistered()) {
                ch.close();
            } else if (ch.isOpen()) {
                ch.unsafe().closeForcibly(); // created but never registered: no event loop to close it through
            } // else: Netty's placeholder for a channel it could not create (EMFILE), or already closed by Netty
        } catch (RuntimeException e) {
            // Nothing else can be done with a channel that cannot close; it is forgotten, the next attempt
            // connects anew. Counted as part of the failed attempt that led here.
        }
    }

    @Override
    public void close() {
        closeChannel();
    }

    @Override
    public String toString() {
        return Redacted.url(requests.endpoint().url());
    }

    /** The root cause (e.g. "Too many open files" under a ChannelException), for messages operators read. */
    private static Throwable innermost(Throwable t) {
        for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t; depth++) {
            t = t.getCause();
        }
        return t;
    }

    private static SslHandler sslHandler(SslContext context, Channel ch, IntakeEndpoint endpoint) {
        SslHandler ssl = context.newHandler(ch.alloc(), endpoint.host(), endpoint.port()); // host for SNI
        SSLEngine engine = ssl.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // verify the certificate names this host
        engine.setSSLParameters(params);
        return ssl;
    }

    /**
     * Completes the pending answer with the response, or with the failure that ended the connection. One per
     * channel, so a closing old connection can never fail the next connection's request.
     */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private volatile CompletableFuture<DeliveryResponse> pending;

        void expect(CompletableFuture<DeliveryResponse> answer) {
            pending = answer;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            CompletableFuture<DeliveryResponse> answer = pending;
            if (answer != null) {
                answer.complete(new DeliveryResponse(
                        response.status().code(),
                        response.headers().get(HttpHeaderNames.RETRY_AFTER),
                        HttpUtil.isKeepAlive(response)));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<DeliveryResponse> answer = pending;
            if (answer != null) {
                answer.completeExceptionally(new ClosedChannelException());
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<DeliveryResponse> answer = pending;
            if (answer != null) {
                answer.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
