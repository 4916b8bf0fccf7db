package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The body bytes all connections share: refusals at the budget, read timeouts, and giving the budget back. */
@Timeout(60)
class BodyBudgetTest {
    private static final int DECLARED = 5_000_000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private LocalIntake intake;
    private final List<Socket> sockets = new ArrayList<>();

    private LocalIntake start(long budget, Duration readTimeout) throws IOException {
        intake = LocalIntake.start(LocalIntakeOptions.builder(directory)
                .port(0)
                .maxBufferedBodyBytes(budget)
                .bodyReadTimeout(readTimeout)
                .build());
        return intake;
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (intake != null) {
            intake.close();
        }
    }

    /** Opens a connection and sends the head of a {@code declared}-byte body plus its first {@code sent} bytes. */
    private Socket halfSent(int declared, int sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", intake.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v2/logs HTTP/1.1\r\nHost: 127.0.0.1:" + intake.port()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[sent]);
        out.flush();
        return socket;
    }

    private static void assertClosed(InputStream in) throws IOException {
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void refusesABodyThatWouldPassTheBudgetWith503AndRetryAfterThenCloses() throws Exception {
        start(12_000_000, Duration.ofSeconds(60));
        halfSent(DECLARED, 1000);
        halfSent(DECLARED, 1000);
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == 2L * DECLARED);

        Socket third = halfSent(DECLARED, 1000);
        String answer = RawHttp.readAnswer(third.getInputStream());

        assertThat(answer)
                .startsWith("HTTP/1.1 503")
                .contains("retry-after: 1")
                .contains("connection: close")
                .contains("intake busy: 12000000 bytes of request bodies are already buffered; retry later");
        assertClosed(third.getInputStream());
        assertThat(intake.bodiesRefused()).isEqualTo(1);
        assertThat(intake.routeStats().get("/api/v2/logs")).containsEntry(503, 1L);
        assertThat(intake.bufferedBodyBytes()).isEqualTo(2L * DECLARED);
        assertThat(intake.peakBufferedBodyBytes()).isEqualTo(2L * DECLARED);
        // A normal batch still fits in what is left.
        assertThat(new IntakeClient(intake).postLogs("[{\"message\":\"fits\"}]").statusCode())
                .isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void refusesAChunkedBodyWhenItsNextChunkWouldPassTheBudget() throws Exception {
        start(
                LocalIntakeOptions.maxCompressedBodyBytes(LocalIntakeOptions.DEFAULT_MAX_BODY_BYTES),
                Duration.ofSeconds(60));
        halfSent(DECLARED, 1000);
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == DECLARED);
        Socket chunked = new Socket("127.0.0.1", intake.port());
        sockets.add(chunked);
        chunked.setSoTimeout(10_000);
        String chunk = "[" + "{\"message\":\"x\"},".repeat(12_000) + "{}]";

        chunked.getOutputStream()
                .write(("POST /api/v2/logs HTTP/1.1\r\nHost: 127.0.0.1:" + intake.port()
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        String answer = RawHttp.readAnswer(chunked.getInputStream());

        assertThat(answer).startsWith("HTTP/1.1 503").contains("retry-after: 1");
        assertThat(intake.peakBufferedBodyBytes()).isLessThanOrEqualTo(intake.maxBufferedBodyBytes());
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == DECLARED);
    }

    @Test
    void timesOutAStalledBodyWith408AndGivesItsShareBack() throws Exception {
        start(12_000_000, Duration.ofMillis(500));
        Socket stalled = halfSent(DECLARED, 1000);

        String answer = RawHttp.readAnswer(stalled.getInputStream());

        assertThat(answer).startsWith("HTTP/1.1 408").contains("request body not received within 500 ms");
        assertClosed(stalled.getInputStream());
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == 0);
        assertThat(intake.routeStats().get("/api/v2/logs")).containsEntry(408, 1L);
    }

    @Test
    void givesTheBudgetBackWhenAClientLeavesMidBodyAndAfterEachAnswer() throws Exception {
        start(12_000_000, Duration.ofSeconds(60));
        Socket leaving = halfSent(DECLARED, 1000);
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == DECLARED);

        leaving.close();
        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == 0);
        IntakeClient client = new IntakeClient(intake);
        for (int i = 0; i < 20; i++) {
            assertThat(client.postLogs("[{\"message\":\"m" + i + "\"}]").statusCode())
                    .isEqualTo(202);
        }

        await().atMost(WAIT).until(() -> intake.bufferedBodyBytes() == 0);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(20);
        assertThat(intake.bodiesRefused()).isZero();
    }
}
