package io.logship.agent.destinations.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.agent.sources.Transport;
import io.logship.config.Compression;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** https: the certificate must chain to a trusted root and name the host we connected to. */
class HttpConnectionTlsTest {
    private final Transport transport = Transport.nio();
    private final EventLoopGroup group = transport.newGroup(1, "tls-test");
    private static SelfSignedCertificate cert;
    private Channel server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = new SelfSignedCertificate("localhost");
    }

    @AfterAll
    static void deleteCertificate() {
        cert.delete();
    }

    @BeforeEach
    void startTlsServer() throws Exception {
        SslContext serverSsl = SslContextBuilder.forServer(cert.certificate(), cert.privateKey())
                .build();
        server = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(
                                        serverSsl.newHandler(ch.alloc()),
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(1 << 20),
                                        new Accept());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    @AfterEach
    void stop() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void acceptsCertificateThatIsTrustedAndNamesTheHost() throws Exception {
        SslContext trusting =
                SslContextBuilder.forClient().trustManager(cert.cert()).build();

        try (HttpConnection connection = connection("localhost", trusting)) {
            DeliveryResponse response = connection.post(Unpooled.EMPTY_BUFFER, Duration.ofSeconds(5));

            assertThat(response.status()).isEqualTo(202);
        }
    }

    @Test
    void rejectsCertificateForAnotherHost() throws Exception {
        SslContext trusting =
                SslContextBuilder.forClient().trustManager(cert.cert()).build();

        try (HttpConnection connection = connection("127.0.0.1", trusting)) { // the certificate names localhost
            assertThatThrownBy(() -> connection.post(Unpooled.EMPTY_BUFFER, Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class)
                    .hasRootCauseInstanceOf(CertificateException.class);
        }
    }

    @Test
    void rejectsUntrustedCertificateWithDefaultTrust() throws Exception {
        SslContext defaults = SslContextBuilder.forClient().build();

        try (HttpConnection connection = connection("localhost", defaults)) {
            assertThatThrownBy(() -> connection.post(Unpooled.EMPTY_BUFFER, Duration.ofSeconds(5)))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    private HttpConnection connection(String host, SslContext ssl) {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        IntakeEndpoint endpoint = IntakeEndpoint.of(URI.create("https://" + host + ":" + port + "/api/v2/logs"));
        Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.socketChannel());
        return new HttpConnection(bootstrap, new IntakeRequests(endpoint, "key", Compression.NONE), ssl);
    }

    private static final class Accept extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.ACCEPTED,
                    Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            ctx.writeAndFlush(response);
        }
    }
}
