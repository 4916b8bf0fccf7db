package io.logship.agent.sources.tcp;

import io.logship.agent.sources.InputErrors;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after the {@link SslHandler} of a TLS source: turns a failed handshake into a counter and a rate-limited
 * one-line warning, and closes the connection. A client that speaks plain text is counted as
 * {@code plaintext_on_tls}; any other failure (no, untrusted or expired client certificate, a protocol version below
 * {@code tls.min_version}, no common cipher, the handshake timeout) as {@code tls_handshake}.
 *
 * <p>The handshake's exception that follows the event down the pipeline is swallowed here: it is counted already,
 * and the tail handler would otherwise log it with a stack trace for each connection. An {@link SSLException} after
 * a successful handshake is passed on unwrapped, as the I/O error it is (logged at debug by {@link InputErrors}).
 *
 * <p>{@code @Sharable}: no state; one instance serves every connection of a source. Nothing here touches records.
 */
@ChannelHandler.Sharable
final class TlsRefusals extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsRefusals.class);

    private final String name;
    private final Counter plaintext;
    private final Counter handshake;
    private final InputErrors errors;

    TlsRefusals(String name, Counter plaintext, Counter handshake, InputErrors errors) {
        this.name = name;
        this.plaintext = plaintext;
        this.handshake = handshake;
        this.errors = errors;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            refuse(ctx, done.cause());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SSLException tls = sslCause(cause);
        if (tls == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (handshakeSucceeded(ctx)) {
            ctx.fireExceptionCaught(tls);
            return;
        }
        // The handshake failed: its completion event (fired before this exception) counted it and closed.
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        boolean plain = sslCause(cause) instanceof NotSslRecordException;
        Counter counter = plain ? plaintext : handshake;
        counter.increment();
        ctx.close();
        if (errors.mayLog(InputErrors.Kind.TLS_REFUSED)) {
            LOG.warn(
                    "{}: refused a connection from {}: {} ({} such since start; logged at most every {} s)",
                    name,
                    ctx.channel().remoteAddress(),
                    plain ? "it sent plain text to a TLS port" : "TLS handshake failed: " + oneLine(cause),
                    (long) counter.count(),
                    InputErrors.LOG_EVERY_SECONDS);
        }
    }

    private static boolean handshakeSucceeded(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        return ssl != null && ssl.handshakeFuture().isSuccess();
    }

    private static SSLException sslCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /** The deepest message: the JDK wraps the useful one ("PKIX path validation failed") in generic ones. */
    private static String oneLine(Throwable cause) {
        String message = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
