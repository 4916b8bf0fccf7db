package io.logship.intake;

import io.logship.support.MalformedRequests;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an intake connection: hands each complete request to a worker thread and writes the answer
 * back in order.
 *
 * <p><b>Job:</b> one request per connection is processed at a time; {@code autoRead} is off while it is, so a
 * client that pipelines cannot queue more than one read's worth of requests ({@link #MAX_PIPELINED_REQUESTS}).
 * <b>Limit:</b> more pipelined requests than that → the connection is closed. A full worker pool → 503 with
 * {@code Retry-After: 1}. A request the HTTP decoder could not parse never gets here: {@link #malformed} answers it
 * 400 and closes.
 *
 * <p><b>Buffers:</b> this handler owns each {@link FullHttpRequest} it receives and releases it on the worker after
 * the router is done (or at once when it is rejected or the channel closes). Answers wrap heap arrays.
 *
 * <p>Not {@code @Sharable}: one instance per channel (it keeps the pipelining queue).
 */
final class IntakeHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Requests decoded from one read while another is in flight; HTTP clients rarely pipeline at all. */
    static final int MAX_PIPELINED_REQUESTS = 16;

    private static final Logger log = LoggerFactory.getLogger(IntakeHttpHandler.class);

    private final IntakeRouter router;
    private final RouteStats stats;
    private final Executor workers;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    IntakeHttpHandler(IntakeRouter router, RouteStats stats, Executor workers) {
        super(false); // ownership moves to the worker
        this.router = router;
        this.stats = stats;
        this.workers = workers;
    }

    /** The intake's answer to a request the codec could not parse: counted, then 400 {@code {"errors":[...]}}. */
    static MalformedRequests malformed(RouteStats stats) {
        return new MalformedRequests(request -> {
            stats.count(IntakeRouter.routeOf(request.uri()), 400);
            return toNetty(IntakeResponse.error(400, "malformed HTTP request"), false);
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ctx.channel().config().setAutoRead(false);
        if (busy) {
            if (waiting.size() >= MAX_PIPELINED_REQUESTS) {
                request.release();
                ctx.close();
                return;
            }
            waiting.add(request);
            return;
        }
        dispatch(ctx, request);
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            workers.execute(() -> process(ctx, request, keepAlive));
        } catch (RejectedExecutionException e) {
            String route = IntakeRouter.routeOf(request.uri());
            request.release();
            stats.count(route, 503);
            IntakeResponse busyAnswer = IntakeResponse.error(503, "intake overloaded: too many requests waiting")
                    .withRetryAfter("1");
            write(ctx, toNetty(busyAnswer, keepAlive), keepAlive);
        }
    }

    /** Runs on a worker thread. */
    private void process(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        IntakeResponse response;
        try {
            response = router.handle(request);
        } catch (RuntimeException e) {
            log.warn("intake request failed", e);
            response =
                    IntakeResponse.error(500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            request.release();
        }
        FullHttpResponse answer = toNetty(response, keepAlive);
        long delayMillis = response.delay().toMillis();
        try {
            if (delayMillis > 0) {
                ctx.executor().schedule(() -> write(ctx, answer, keepAlive), delayMillis, TimeUnit.MILLISECONDS);
            } else {
                ctx.executor().execute(() -> write(ctx, answer, keepAlive));
            }
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down: the connection is closing, nobody is left to answer.
            answer.release();
        }
    }

    /** Runs on the event loop. */
    private void write(ChannelHandlerContext ctx, FullHttpResponse answer, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            answer.release();
            releaseWaiting();
            return;
        }
        if (!keepAlive) {
            ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            releaseWaiting();
            return;
        }
        ctx.writeAndFlush(answer);
        busy = false;
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            dispatch(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseWaiting();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a protocol error ends this connection only; the intake keeps serving the others.
        log.debug("intake connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void releaseWaiting() {
        for (FullHttpRequest request = waiting.poll(); request != null; request = waiting.poll()) {
            request.release();
        }
    }

    static FullHttpResponse toNetty(IntakeResponse response, boolean keepAlive) {
        FullHttpResponse answer = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        response.retryAfter().ifPresent(value -> answer.headers().set(HttpHeaderNames.RETRY_AFTER, value));
        response.allow().ifPresent(value -> answer.headers().set(HttpHeaderNames.ALLOW, value));
        response.headers().forEach(answer.headers()::set);
        if (!keepAlive) {
            answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return answer;
    }
}
