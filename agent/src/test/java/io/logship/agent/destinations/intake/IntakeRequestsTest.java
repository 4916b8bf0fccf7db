package io.logship.agent.destinations.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.config.Compression;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import org.junit.jupiter.api.Test;

class IntakeRequestsTest {
    @Test
    void postCarriesKeyTypeEncodingAgentHostAndLength() {
        IntakeRequests requests = new IntakeRequests(
                IntakeEndpoint.of(URI.create("https://http-intake.logs.datadoghq.eu/api/v2/logs?x=1")),
                "k3y",
                Compression.ZSTD);

        FullHttpRequest request = requests.create(Unpooled.copiedBuffer("[{}]", UTF_8));

        HttpHeaders h = request.headers();
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.uri()).isEqualTo("/api/v2/logs?x=1");
        assertThat(h.get("DD-API-KEY")).isEqualTo("k3y");
        assertThat(h.get("Content-Type")).isEqualTo("application/json");
        assertThat(h.get("Content-Encoding")).isEqualTo("zstd");
        assertThat(h.get("User-Agent")).isEqualTo(UserAgent.value()).matches("logship/\\d+\\.\\d+\\.\\d+.*");
        assertThat(h.get("Host")).isEqualTo("http-intake.logs.datadoghq.eu");
        assertThat(h.getInt("Content-Length")).isEqualTo(4);
        request.release();
    }

    @Test
    void uncompressedBodyAndNoKeySendNeitherHeader() {
        IntakeRequests requests = new IntakeRequests(
                IntakeEndpoint.of(URI.create("http://127.0.0.1:8282/api/v2/logs")), null, Compression.NONE);

        FullHttpRequest request = requests.create(Unpooled.copiedBuffer("[]", UTF_8));

        assertThat(request.headers().contains("Content-Encoding")).isFalse();
        assertThat(request.headers().contains("DD-API-KEY")).isFalse();
        assertThat(request.headers().get("Host")).isEqualTo("127.0.0.1:8282");
        request.release();
    }

    @Test
    void eachEncodingNamesItsHeader() {
        assertThat(Compression.GZIP.contentEncoding()).isEqualTo("gzip");
        assertThat(Compression.DEFLATE.contentEncoding()).isEqualTo("deflate");
        assertThat(Compression.ZSTD.contentEncoding()).isEqualTo("zstd");
    }

    @Test
    void toStringHidesTheKey() {
        IntakeRequests requests =
                new IntakeRequests(IntakeEndpoint.of(URI.create("http://h/api/v2/logs")), "s3cret", Compression.GZIP);

        assertThat(requests.toString()).doesNotContain("s3cret").contains("********");
    }

    @Test
    void endpointDefaultsPortsAndRejectsOtherSchemes() {
        assertThat(IntakeEndpoint.of(URI.create("https://example.com")).port()).isEqualTo(443);
        assertThat(IntakeEndpoint.of(URI.create("https://example.com")).pathAndQuery())
                .isEqualTo("/");
        assertThat(IntakeEndpoint.of(URI.create("http://example.com/x")).port()).isEqualTo(80);
        assertThat(IntakeEndpoint.of(URI.create("http://[::1]:9/x")).host()).isEqualTo("::1");
        assertThat(IntakeEndpoint.of(URI.create("http://[::1]:9/x")).hostHeader())
                .isEqualTo("[::1]:9");
        assertThatThrownBy(() -> IntakeEndpoint.of(URI.create("ftp://example.com/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("intake url must be http or https: ftp://example.com/");
        assertThatThrownBy(() -> IntakeEndpoint.of(URI.create("http:///x")))
                .hasMessage("intake url has no host: http:///x");
    }
}
