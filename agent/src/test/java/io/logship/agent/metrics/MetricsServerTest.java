package io.logship.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
