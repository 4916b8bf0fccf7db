package io.logship.agent.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Turns a TCP byte stream into lines with a {@link LineSplitter}: {@code \n}-delimited, trailing {@code \r}
 * stripped, empty lines skipped, a partial last line delivered when the peer closes, over-long lines chopped into
 * {@code ...TRUNCATED...}-marked chunks.
 *
 * <p>Limit: {@code maxMessageBytes} of content per line (default {@link LineSplitter#DEFAULT_MAX_MESSAGE_BYTES}).
 * Failure mode: none at the limit; a longer line is chunked, never dropped, and the connection stays open. At most
 * {@code maxMessageBytes + 2} bytes of an incomplete line are held in the cumulation buffer.
 *
 * <p>Ownership: each line passed on is a buffer the next handler owns and must release (a retained slice of the
 * cumulation, or a fresh buffer for a marked chunk).
 *
 * <p>Pitfalls: not {@code @Sharable}; one instance per channel (it holds the cut-line state).
 */
public final class LineFramer extends ByteToMessageDecoder {
    private final LineSplitter splitter;

    /** @param maxMessageBytes the largest line content in bytes, {@code > 0} */
    public LineFramer(int maxMessageBytes) {
        this.splitter = new LineSplitter(maxMessageBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        splitter.split(in, false, ctx.alloc(), out::add);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        splitter.split(in, true, ctx.alloc(), out::add);
    }
}
