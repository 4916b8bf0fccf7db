package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Raw-socket and concurrency cases the JDK client cannot produce. */
@Timeout(20)
class HttpEdgeCasesTest extends IntakeTestBase {

    /** Knobs on: this class arms them. */
    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).knobs(true);
    }

    private String host() {
        return "127.0.0.1:" + intake.port();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", intake.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Reads until the peer closes or {@code marker} has been seen {@code times} times. */
    private static String readUntil(InputStream in, String marker, int times) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            String text = seen.toString(StandardCharsets.UTF_8);
            if (text.split(Pattern.quote(marker), -1).length - 1 >= times) {
                return text;
            }
            int n = in.read(buffer);
            if (n < 0) {
                return text;
            }
            seen.write(buffer, 0, n);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write((post("/api/v2/logs", "[{\"message\":\"one\"}]") + post("/api/v2/logs", "not json")
                            + "GET /api/count HTTP/1.1\r\nHost: " + host() + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            String answers = readUntil(socket.getInputStream(), "HTTP/1.1 ", 3);

            assertThat(answers.indexOf("HTTP/1.1 202")).isLessThan(answers.indexOf("HTTP/1.1 400"));
            assertThat(answers.indexOf("HTTP/1.1 400")).isLessThan(answers.indexOf("HTTP/1.1 200"));
        }
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void answersGarbageWith400AndCloses() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.UTF_8));

            String answer = readUntil(socket.getInputStream(), "\u0000", 1);

            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void answersMalformedPercentEncodingWith400() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("GET /api/records?q=%zz HTTP/1.1\r\nHost: " + host() + "\r\n\r\n"
                                    + "GET /api/v2/%zz HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));

            String answers = readUntil(socket.getInputStream(), "\u0000", 1);

            assertThat(answers).startsWith("HTTP/1.1 400").contains("malformed URL: ");
            assertThat(answers.split("HTTP/1.1 400", -1)).hasSize(3);
        }
        assertThat(intake.routeStats().get(RouteStats.OTHER_ROUTE)).containsEntry(400, 2L);
    }

    @Test
    void survivesAClientThatLeavesBeforeADelayedAnswer() throws IOException {
        intake.knobs().delay(Duration.ofMillis(300));
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(post("/api/v2/logs", "[{\"message\":\"gone\"}]").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }
        intake.knobs().clear();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> intake.count(RecordQuery.all()) == 1);
        assertThat(client.postLogs("[{}]").statusCode()).isEqualTo(202);
    }

    @Test
    void survivesAClientThatLeavesMidBody() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("POST /api/v2/logs HTTP/1.1\r\nHost: " + host()
                                    + "\r\nContent-Length: 1000\r\n\r\n"
                                    + "[{\"message\":")
                            .getBytes(StandardCharsets.UTF_8));
        }

        assertThat(client.postLogs("[{}]").statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void closesAfterAnsweringConnectionClose() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("GET /health HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));

            String answer = readUntil(socket.getInputStream(), "\u0000", 1); // reads until the server closes

            assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"status\":\"ok\"}");
        }
    }

    @Test
    void storesEveryRecordFromConcurrentClients() throws Exception {
        int clients = 8;
        int requestsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    IntakeClient own = new IntakeClient(intake);
                    int accepted = 0;
                    for (int r = 0; r < requestsEach; r++) {
                        HttpResponse<String> response = own.postLogs(
                                "/api/v2/logs",
                                IntakeClient.gzip(IntakeClient.utf8(
                                        "[{\"message\":\"c" + id + "\"},{\"message\":\"c" + id + "\"}]")),
                                "gzip",
                                null);
                        accepted += response.statusCode() == 202 ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(requestsEach);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(intake.count(RecordQuery.all())).isEqualTo(clients * requestsEach * 2L);
        assertThat(intake.recordsAccepted()).isEqualTo(clients * requestsEach * 2L);
        assertThat(intake.count(RecordQuery.all().withText("c3"))).isEqualTo(requestsEach * 2L);
    }
}
