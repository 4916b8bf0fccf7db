package io.logship.agent.destinations.intake;

import io.logship.config.Compression;
import io.logship.config.Redacted;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Objects;

/**
 * Builds the intake's {@code POST}: {@code DD-API-KEY}, {@code Content-Type: application/json},
 * {@code Content-Encoding} (none for an uncompressed body), {@code User-Agent: logship/<version>}, {@code Host},
 * {@code Content-Length}. HTTP/1.1, so the connection stays open.
 *
 * <p>Immutable and thread-safe. The API key is held but never printed ({@link #toString()} hides it).
 */
public final class IntakeRequests {
    /** The header carrying the API key. */
    public static final String API_KEY_HEADER = "DD-API-KEY";

    private final IntakeEndpoint endpoint;
    private final String apiKey;
    private final Compression encoding;

    /**
     * @param endpoint where the request goes
     * @param apiKey the key, or null/empty to send none (the local intake needs none)
     * @param encoding the body's compression
     */
    public IntakeRequests(IntakeEndpoint endpoint, String apiKey, Compression encoding) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
        this.encoding = Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * @param body the compressed body; ownership passes to the request (pass a retained duplicate to resend)
     */
    public FullHttpRequest create(ByteBuf body) {
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, endpoint.pathAndQuery(), body);
        HttpHeaders h = request.headers();
        h.set(HttpHeaderNames.HOST, endpoint.hostHeader());
        if (apiKey != null) {
            h.set(API_KEY_HEADER, apiKey);
        }
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        if (encoding != Compression.NONE) {
            h.set(HttpHeaderNames.CONTENT_ENCODING, encoding.contentEncoding());
        }
        h.set(HttpHeaderNames.USER_AGENT, UserAgent.value());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return request;
    }

    public IntakeEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return "IntakeRequests{url=" + Redacted.url(endpoint.url()) + ", apiKey="
                + (apiKey == null ? "none" : "********") + ", encoding=" + encoding + '}';
    }
}
