package io.logship.agent.sources.tcp;

import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.RecordSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The last handler of a TCP connection: hands each line from the framer to the source's pipeline on this
 * channel's event loop (enrich, then batch).
 *
 * <p>Ownership: each line is released by the pipeline. Failure mode: an exception ends the connection and is
 * counted and logged by {@link InputErrors} (rate-limited); lines already read are kept.
 *
 * <p>Not {@code @Sharable}: it caches the event loop's consumer.
 */
final class RecordHandler extends ChannelInboundHandlerAdapter {
    private final RecordSink pipeline;
    private final InputErrors errors;
    private Consumer<ByteBuf> lines;

    RecordHandler(RecordSink pipeline, InputErrors errors) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lines = pipeline.forLoop(ctx.channel().eventLoop());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lines.accept((ByteBuf) msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.report(ctx.channel(), cause);
        ctx.close();
    }
}
