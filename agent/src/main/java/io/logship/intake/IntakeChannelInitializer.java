package io.logship.intake;

import io.logship.support.HttpServer;
import io.logship.support.MalformedRequests;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Builds each intake connection's pipeline on the shared {@link HttpServer}: idle timeout → HTTP codec (the
 * server's) → shared body budget and body read timeout ({@link BodyBudgetHandler}) → aggregator (bounded per
 * request) → malformed requests answered 400 ({@link IntakeHttpHandler#malformed}) → {@link IntakeHttpHandler}.
 */
final class IntakeChannelInitializer implements HttpServer.ConnectionSetup {
    /**
     * A connection that sends nothing for this long is closed, so a stalled client cannot hold a half-received
     * body forever. Longer than any sane keep-alive pause of a shipper between batches (the Datadog Agent's
     * batch wait is 5 s).
     */
    static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 300;

    /**
     * Room above the uncompressed limit for a compressed body: compressing incompressible data adds a little
     * (zstd and gzip add well under 1% plus a few bytes of framing), so a body just under the limit still arrives.
     * See {@link LocalIntakeOptions#maxCompressedBodyBytes(int)}.
     */
    static final int COMPRESSED_SLACK_BYTES = 64 * 1024;

    private final int maxCompressedBytes;
    private final long bodyReadTimeoutNanos;
    private final BodyBudget budget;
    private final IntakeRouter router;
    private final RouteStats stats;
    private final Executor workers;
    private final MalformedRequests malformed;

    IntakeChannelInitializer(
            LocalIntakeOptions options, BodyBudget budget, IntakeRouter router, RouteStats stats, Executor workers) {
        this.maxCompressedBytes = LocalIntakeOptions.maxCompressedBodyBytes(options.maxBodyBytes());
        this.bodyReadTimeoutNanos = options.bodyReadTimeout().toNanos();
        this.budget = budget;
        this.router = router;
        this.stats = stats;
        this.workers = workers;
        this.malformed = IntakeHttpHandler.malformed(stats);
    }

    @Override
    public void setUp(SocketChannel channel) {
        channel.pipeline()
                .addBefore(
                        HttpServer.CODEC,
                        "idle",
                        new IdleStateHandler(DEFAULT_IDLE_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addBefore(HttpServer.CODEC, "idle-close", new IdleCloser())
                .addLast("budget", new BodyBudgetHandler(budget, stats, maxCompressedBytes, bodyReadTimeoutNanos))
                .addLast("aggregate", new IntakeAggregator(maxCompressedBytes, stats))
                .addLast("malformed", malformed)
                .addLast("intake", new IntakeHttpHandler(router, stats, workers));
    }

    /** Closes the connection when {@link IdleStateHandler} reports it idle. */
    private static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
