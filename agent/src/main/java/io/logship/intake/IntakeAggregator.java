package io.logship.intake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Netty's {@link HttpObjectAggregator} that also counts the 413 answers it sends by itself, so that
 * {@code /api/stats} shows every refused body.
 *
 * <p>Answers it may send by itself (from the parent class): 100 Continue, 417, and 413 (then closes the connection
 * when the client has already started sending the body).
 */
final class IntakeAggregator extends HttpObjectAggregator {
    private final RouteStats stats;

    IntakeAggregator(int maxContentLength, RouteStats stats) {
        super(maxContentLength);
        this.stats = stats;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        String route = oversized instanceof HttpRequest
                ? IntakeRouter.routeOf(((HttpRequest) oversized).uri())
                : RouteStats.OTHER_ROUTE;
        stats.count(route, 413);
        super.handleOversizedMessage(ctx, oversized);
    }
}
