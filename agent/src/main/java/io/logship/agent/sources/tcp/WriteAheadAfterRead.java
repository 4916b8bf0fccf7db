package io.logship.agent.sources.tcp;

import io.logship.agent.sources.RecordSink;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;

/**
 * Sits before the framer of a TCP connection: once a read's lines have gone through the pipeline (the framer and the
 * record handler run inside {@code fireChannelRead}), it has them written ahead to the spool's journal, so nothing
 * more is read from this connection before the records of the last read are on disk. Also after the last line of a
 * closed connection. Without a spool it costs one no-op call per read.
 *
 * <p>Not {@code @Sharable}: it caches the event loop's persister.
 */
final class WriteAheadAfterRead extends ChannelInboundHandlerAdapter {
    private final RecordSink pipeline;
    private Runnable persist;

    WriteAheadAfterRead(RecordSink pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        persist = pipeline.persisterForLoop(ctx.channel().eventLoop());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(msg);
        persist.run();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ctx.fireChannelInactive();
        persist.run();
    }
}
