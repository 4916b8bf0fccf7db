package io.logship.agent.sources.tcp;

import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.RecordSink;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a TCP connection does around each read, in one handler: counts the read's bytes, notes when it came, and once
 * the framer and the record handler have taken its lines (they run inside {@code fireChannelRead}) has them written
 * ahead to the spool's journal, so nothing more is read from this connection before the records of the last read are
 * on disk (a no-op call without a spool). Its timers close the connection when it has sent nothing for the idle
 * timeout (not while the inputs are paused: then the agent is the one not reading), and, once {@link #drain} is
 * called at stop, as soon as it has been quiet for {@link #QUIET}, so lines its client had written before the stop
 * are read instead of vanishing with the socket.
 *
 * <p><b>Why one handler:</b> with a thousand connections each read carries about one line, and every handler on the
 * way costs a trip through Netty's pipeline for {@code channelRead} and {@code channelReadComplete}; five handlers
 * (idle state, idle closer, drain, byte counter, write-ahead) were a fifth of the agent's Java time per record (JFR,
 * README "Connection scaling").
 *
 * <p>Not {@code @Sharable}: one per connection, used on its event loop; {@link #drain} may be called from any thread.
 */
final class ConnectionActivity extends ChannelInboundHandlerAdapter {
    /** Quiet time after which a draining connection is closed: {@value #QUIET_MILLIS} ms. */
    static final long QUIET_MILLIS = 200;

    static final Duration QUIET = Duration.ofMillis(QUIET_MILLIS);

    private final Counter bytesIn;
    private final RecordSink pipeline;
    private final ReadGate gate;
    private final Counter closedIdle;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private Runnable persist;
    private long lastReadNanos;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> drainCheck;

    /**
     * @param idleTimeout close after this long without a read; zero: never
     */
    ConnectionActivity(Counter bytesIn, RecordSink pipeline, ReadGate gate, Counter closedIdle, Duration idleTimeout) {
        this.bytesIn = Objects.requireNonNull(bytesIn, "bytesIn");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.closedIdle = Objects.requireNonNull(closedIdle, "closedIdle");
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        persist = pipeline.persisterForLoop(ctx.channel().eventLoop());
        lastReadNanos = System.nanoTime();
        if (idleNanos > 0) {
            idleCheck = ctx.executor().schedule(this::closeIfIdle, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (msg instanceof ByteBuf buf) {
            bytesIn.increment(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
        persist.run();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(idleCheck);
        cancel(drainCheck);
        ctx.fireChannelInactive();
        persist.run(); // the framer's partial last line
    }

    /** Starts draining: from now on the connection is closed once quiet. */
    void drain() {
        ctx.executor().execute(() -> {
            if (drainCheck != null || !ctx.channel().isActive()) {
                return;
            }
            lastReadNanos = System.nanoTime();
            long every = QUIET.toNanos() / 4;
            drainCheck = ctx.executor().scheduleAtFixedRate(this::closeIfQuiet, every, every, TimeUnit.NANOSECONDS);
        });
    }

    private void closeIfIdle() {
        long silent = System.nanoTime() - lastReadNanos;
        if (silent < idleNanos || gate.isPaused() || !ctx.channel().config().isAutoRead()) {
            long next = silent < idleNanos ? idleNanos - silent : idleNanos;
            idleCheck = ctx.executor().schedule(this::closeIfIdle, next, TimeUnit.NANOSECONDS);
            return;
        }
        closedIdle.increment();
        ctx.close();
    }

    private void closeIfQuiet() {
        if (System.nanoTime() - lastReadNanos >= QUIET.toNanos()) {
            cancel(drainCheck);
            ctx.close();
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
