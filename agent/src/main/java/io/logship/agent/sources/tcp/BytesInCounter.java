package io.logship.agent.sources.tcp;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;

/**
 * Counts the bytes each read brings in (framing included), then passes the buffer on untouched. Once per read,
 * not per record.
 *
 * <p>Stateless apart from the thread-safe counter: {@code @Sharable}.
 */
@ChannelHandler.Sharable
final class BytesInCounter extends ChannelInboundHandlerAdapter {
    private final Counter bytesIn;

    BytesInCounter(Counter bytesIn) {
        this.bytesIn = Objects.requireNonNull(bytesIn, "bytesIn");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            bytesIn.increment(((ByteBuf) msg).readableBytes());
        }
        ctx.fireChannelRead(msg);
    }
}
