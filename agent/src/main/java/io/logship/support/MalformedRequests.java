package io.logship.support;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.function.Function;

/**
 * Answers a request the HTTP codec could not parse (a bad request line, a header over the codec's limits) and closes
 * the connection, since the stream can no longer be framed; passes every well-formed request on, retained.
 *
 * <p>Goes right after the aggregator. The answer comes from the caller (the intake counts it and answers JSON, the
 * metrics endpoint answers text). Owns the requests it answers and releases them; stateless and {@code @Sharable}.
 */
@Sharable
public final class MalformedRequests extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Function<FullHttpRequest, FullHttpResponse> answer;

    /** @param answer builds the 400 answer to a malformed request (called on the event loop, before release) */
    public MalformedRequests(Function<FullHttpRequest, FullHttpResponse> answer) {
        super(false); // well-formed requests go on to the next handler, which releases them
        this.answer = answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            ctx.writeAndFlush(answer.apply(request)).addListener(ChannelFutureListener.CLOSE);
        } finally {
            request.release();
        }
    }
}
