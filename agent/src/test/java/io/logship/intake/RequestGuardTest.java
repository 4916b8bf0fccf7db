package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host, Origin and Sec-Fetch-Site checks on every route, over raw HTTP against a loopback intake (knobs on). */
class RequestGuardTest extends IntakeTestBase {
    private static final String BODY = "[{\"message\":\"m\"}]";

    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).knobs(true);
    }

    private String self() {
        return "127.0.0.1:" + intake.port();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil.example",
                "evil.example:PORT",
                "127.0.0.1",
                "127.0.0.1:1",
                "localhost.evil:PORT",
                "10.0.0.1:PORT",
                "[::1",
                "a:b:c",
                ""
            })
    void refusesAForeignHostOnEveryRoute(String host) throws Exception {
        String header = host.replace("PORT", Integer.toString(intake.port()));

        String logs = RawHttp.exchange(
                intake.port(),
                "POST /api/v2/logs HTTP/1.1\r\nHost: " + header
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY);
        String query = RawHttp.exchange(intake.port(), "GET /api/records HTTP/1.1\r\nHost: " + header + "\r\n\r\n");

        assertThat(logs).startsWith("HTTP/1.1 403").contains("refused: ");
        assertThat(query).startsWith("HTTP/1.1 403");
        assertThat(intake.count(RecordQuery.all())).isZero();
        assertThat(intake.routeStats().get("/api/v2/logs")).containsEntry(403, 1L);
        assertThat(intake.routeStats().get("/api/records")).containsEntry(403, 1L);
    }

    @Test
    void refusesARequestWithoutHost() throws Exception {
        String answer = RawHttp.exchange(intake.port(), "GET /health HTTP/1.0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403").contains("refused: no Host header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT", "LOCALHOST:PORT"})
    void acceptsTheLoopbackNamesWhenBoundToLoopback(String host) throws Exception {
        String answer = RawHttp.exchange(
                intake.port(),
                "GET /health HTTP/1.1\r\nHost: " + host.replace("PORT", Integer.toString(intake.port())) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Origin: http://evil.example",
                "Origin: null",
                "Origin: https://127.0.0.1:PORT",
                "Origin: http://127.0.0.1:1",
                "Sec-Fetch-Site: cross-site",
                "Sec-Fetch-Site: same-site"
            })
    void refusesCrossSiteRequests(String header) {
        String[] nameValue =
                header.replace("PORT", Integer.toString(intake.port())).split(": ", 2);

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(intake.logsUrl())
                .timeout(Duration.ofSeconds(10))
                .header(nameValue[0], nameValue[1])
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("refused: cross-site request");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void allowsALinkFromAnotherSiteToThePage() throws Exception {
        String answer = RawHttp.exchange(
                intake.port(),
                "GET / HTTP/1.1\r\nHost: " + self()
                        + "\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void acceptsItsOwnOrigin() {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(intake.logsUrl())
                .timeout(Duration.ofSeconds(10))
                .header("Origin", "http://" + self())
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build());

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void controlRoutesRequireJson() {
        HttpResponse<String> plain =
                client.send(HttpRequest.newBuilder(intake.baseUrl().resolve("/_knobs/fail"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"count\":5,\"status\":400}"))
                        .build());
        HttpResponse<String> delete =
                client.send(HttpRequest.newBuilder(intake.baseUrl().resolve("/api/records"))
                        .timeout(Duration.ofSeconds(10))
                        .DELETE()
                        .build());

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.body()).contains("control routes require Content-Type: application/json");
        assertThat(delete.statusCode()).isEqualTo(415);
        assertThat(intake.knobs().remainingFailures()).isZero();
        assertThat(client.post("/_knobs/fail", "{\"count\":1,\"status\":503}").statusCode())
                .isEqualTo(200);
        assertThat(intake.knobs().remainingFailures()).isEqualTo(1);
    }
}
