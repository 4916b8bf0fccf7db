package io.logship.agent.sources.tcp;

import io.logship.agent.sources.ReadGate;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that sent nothing for the idle timeout, unless the inputs are paused (backpressure: then
 * the agent is the one not reading). Its framer delivers a partial last line as it closes.
 */
final class IdleCloser extends ChannelInboundHandlerAdapter {
    private final ReadGate gate;
    private final Counter closedIdle;

    IdleCloser(ReadGate gate, Counter closedIdle) {
        this.gate = gate;
        this.closedIdle = closedIdle;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (gate.isPaused() || !ctx.channel().config().isAutoRead()) {
            return;
        }
        closedIdle.increment();
        ctx.close();
    }
}
