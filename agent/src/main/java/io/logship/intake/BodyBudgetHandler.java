package io.logship.intake;

import io.logship.agent.metrics.LogLimiter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges every request body a connection receives to the intake's shared {@link BodyBudget}, and times out bodies
 * that stall. Sits between the HTTP codec and the aggregator, so it sees a request's head before its body is
 * buffered.
 *
 * <p><b>Job:</b> a request with a {@code Content-Length} reserves that many bytes when its head arrives; a chunked
 * body reserves each chunk as it arrives. The reservation is given back when the request's final answer is written
 * (by then the worker has released the aggregated request) or when the connection closes.
 *
 * <table>
 *   <caption>Answers it sends by itself</caption>
 *   <tr><th>Status</th><th>When</th><th>Then</th></tr>
 *   <tr><td>503 with {@code Retry-After: 1}</td><td>the body would pass the shared budget</td><td>closes the
 *   connection (the rest of the body is never read)</td></tr>
 *   <tr><td>408</td><td>no byte of a started body for {@link LocalIntakeOptions#bodyReadTimeout()}</td><td>closes
 *   the connection</td></tr>
 * </table>
 * Both are counted in {@link RouteStats} under the request's route; refusals for the budget also log one warning
 * line at most every {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s (with the running count, never a stack trace).
 *
 * <p><b>Limits:</b> a declared length above the aggregator's limit is not reserved: the aggregator answers 413 at
 * once and never buffers it. <b>Pitfall:</b> pipelined requests are answered in order by
 * {@link IntakeHttpHandler}; a refusal here is written at once and closes the connection, so an earlier pipelined
 * request still in progress loses its answer (shippers do not pipeline; the client retries both).
 *
 * <p><b>Buffers:</b> passes every message on untouched, except after a refusal, when it releases what follows.
 * Not {@code @Sharable}: one instance per channel.
 */
final class BodyBudgetHandler extends ChannelDuplexHandler {
    /** The {@code Retry-After} of a refused body, in seconds: long enough for a stalled body to be timed out. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Logger LOG = LoggerFactory.getLogger(BodyBudgetHandler.class);

    /** One request between its head and its final answer: what it has reserved so far. */
    private static final class Pending {
        final String route;
        long reserved;
        boolean lengthReserved;
        boolean answered;

        Pending(String route) {
            this.route = route;
        }
    }

    private final BodyBudget budget;
    private final RouteStats stats;
    private final int maxCompressedBytes;
    private final long readTimeoutNanos;
    private final Queue<Pending> unanswered = new ArrayDeque<>();
    private Pending receiving;
    private long lastReadNanos;
    private ScheduledFuture<?> timeout;
    private boolean refusing;

    BodyBudgetHandler(BodyBudget budget, RouteStats stats, int maxCompressedBytes, long readTimeoutNanos) {
        this.budget = budget;
        this.stats = stats;
        this.maxCompressedBytes = maxCompressedBytes;
        this.readTimeoutNanos = readTimeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && !head(ctx, request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content && !content(ctx, content)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Returns false when the request was refused. */
    private boolean head(ChannelHandlerContext ctx, HttpRequest request) {
        Pending pending = new Pending(IntakeRouter.routeOf(request.uri()));
        if (request.decoderResult().isSuccess()) {
            long length = declaredLength(request);
            if (length > 0 && length <= maxCompressedBytes) {
                if (!budget.tryReserve(length)) {
                    refuse(
                            ctx,
                            pending.route,
                            503,
                            "intake busy: " + budget.limitBytes()
                                    + " bytes of request bodies are already buffered; retry later");
                    return false;
                }
                pending.reserved = length;
                pending.lengthReserved = true;
            }
        }
        unanswered.add(pending);
        receiving = pending;
        lastReadNanos = System.nanoTime();
        if (timeout == null) {
            timeout = ctx.executor().schedule(() -> checkTimeout(ctx), readTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private static long declaredLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return -1; // the aggregator and decoder deal with a malformed length; nothing to reserve up front
        }
    }

    /** Returns false when the body was refused. */
    private boolean content(ChannelHandlerContext ctx, HttpContent content) {
        lastReadNanos = System.nanoTime();
        Pending pending = receiving;
        int bytes = content.content().readableBytes();
        if (pending != null && !pending.lengthReserved && !pending.answered && bytes > 0) {
            if (!budget.tryReserve(bytes)) {
                refuse(
                        ctx,
                        pending.route,
                        503,
                        "intake busy: " + budget.limitBytes()
                                + " bytes of request bodies are already buffered; retry later");
                return false;
            }
            pending.reserved += bytes;
        }
        if (content instanceof LastHttpContent) {
            receiving = null;
        }
        return true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            // Answers are written in request order, and the worker released the request before answering.
            Pending answered = unanswered.poll();
            if (answered != null) {
                answered.answered = true;
                budget.release(answered.reserved);
                answered.reserved = 0;
            }
        }
        ctx.write(msg, promise);
    }

    private void checkTimeout(ChannelHandlerContext ctx) {
        timeout = null;
        if (!ctx.channel().isActive() || refusing) {
            return;
        }
        if (receiving == null) {
            return; // no body in progress; the next head schedules a new check
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (idle >= readTimeoutNanos) {
            refuse(
                    ctx,
                    receiving.route,
                    408,
                    "request body not received within " + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms");
            return;
        }
        timeout = ctx.executor().schedule(() -> checkTimeout(ctx), readTimeoutNanos - idle, TimeUnit.NANOSECONDS);
    }

    /** Answers {@code status}, closes the connection, and drops whatever else arrives on it. */
    private void refuse(ChannelHandlerContext ctx, String route, int status, String message) {
        refusing = true;
        stats.count(route, status);
        IntakeResponse answer = IntakeResponse.error(status, message);
        if (status == 503) {
            answer = answer.withRetryAfter(RETRY_AFTER_SECONDS);
            if (budget.warningDue()) {
                LOG.warn(
                        "local intake: request bodies refused with 503 because {} bytes are already buffered "
                                + "({} refused since start); senders retry",
                        budget.limitBytes(),
                        budget.refusals());
            }
        }
        // Written from this handler's context, so it does not pass through write() above: it answers no
        // unanswered request of the queue, whose reservations the close gives back.
        ctx.writeAndFlush(IntakeHttpHandler.toNetty(answer, false)).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Pending pending = unanswered.poll(); pending != null; pending = unanswered.poll()) {
            budget.release(pending.reserved);
            pending.reserved = 0;
        }
        receiving = null;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        super.channelInactive(ctx);
    }
}
