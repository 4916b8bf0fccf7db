package io.logship.agent.sources.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Lets a TCP connection finish when the agent stops: once {@link #start} is called (SIGTERM), the connection is read
 * on, and closed as soon as it has been quiet for {@link #QUIET}, so lines its client had written before the stop
 * are read instead of vanishing with the socket. A client that closes first ends it at once; one that never pauses is
 * closed by {@link TcpInput#drainAndClose} at the end of its budget.
 *
 * <p>Not {@code @Sharable}: one per connection; {@link #start} may be called from any thread.
 */
final class ConnectionDrain extends ChannelInboundHandlerAdapter {
    /** Quiet time after which a draining connection is closed: {@value #QUIET_MILLIS} ms. */
    static final long QUIET_MILLIS = 200;

    static final Duration QUIET = Duration.ofMillis(QUIET_MILLIS);

    private ChannelHandlerContext ctx;
    private long lastReadNanos;
    private ScheduledFuture<?> check;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    /** Starts draining: from now on the connection is closed once quiet. */
    void start() {
        ctx.executor().execute(() -> {
            if (check != null || !ctx.channel().isActive()) {
                return;
            }
            lastReadNanos = System.nanoTime();
            long every = QUIET.toNanos() / 4;
            check = ctx.executor().scheduleAtFixedRate(this::closeIfQuiet, every, every, TimeUnit.NANOSECONDS);
        });
    }

    private void closeIfQuiet() {
        if (System.nanoTime() - lastReadNanos >= QUIET.toNanos()) {
            check.cancel(false);
            ctx.close();
        }
    }
}
