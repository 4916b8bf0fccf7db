package io.logship.agent.metrics;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final AgentMetrics metrics = new AgentMetrics();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final MetricsServer server = MetricsServer.start(metrics, ready::get, "127.0.0.1", 0);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void metricsShowCountersInPrometheusFormat() throws Exception {
        metrics.source("tcp:127.0.0.1:10518").recordsIn.increment(3);
        metrics.dropped(DropReason.RECORD_TOO_LARGE, 2);
        metrics.response(202);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
        assertThat(response.body())
                .contains("logship_records_in_total{source=\"tcp:127.0.0.1:10518\"} 3.0")
                .contains("logship_records_dropped_total{intentional=\"false\",reason=\"record_too_large\"} 2.0")
                .contains("logship_intake_responses_total{status=\"202\"} 1.0");
    }

    @Test
    void readyFollowsTheAgentState() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(503);

        ready.set(true);

        assertThat(get("/ready").statusCode()).isEqualTo(200);
        assertThat(get("/health").body()).isEqualTo("ok\n");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/metrics"))
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build())
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void oversizeRequestIsRefused() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/metrics"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(MetricsServer.MAX_REQUEST_BYTES + 1)))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void malformedRequestIs400AndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".getBytes(US_ASCII));
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request").endsWith("malformed request\n");
        }
    }

    @Test
    void aTakenPortFailsStartWithTheAddressNamed() {
        int port = server.address().getPort();

        assertThatThrownBy(() -> MetricsServer.start(metrics, ready::get, "127.0.0.1", port))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ");
    }
}
