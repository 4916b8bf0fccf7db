package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault 2: a web page the user visits posts {@code text/plain} to the local intake's
 * {@code /_knobs/fail} (a "simple" cross-site request: no CORS preflight). Before, the knob armed 400s and every
 * later batch was dropped; now it is refused and every later batch is accepted.
 */
@Tag("fault")
class IntakeCrossSiteFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ATTACK_BODY = "{\"count\":1000000,\"status\":400}";

    @TempDir
    Path dir;

    /** What a browser sends for a cross-site form/fetch POST: the intake's own Host, the attacker's Origin. */
    private static String crossSitePost(LocalIntake intake, String origin) {
        return "POST /_knobs/fail HTTP/1.1\r\nHost: 127.0.0.1:" + intake.port() + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + ATTACK_BODY.length()
                + "\r\nConnection: close\r\n\r\n" + ATTACK_BODY;
    }

    private static String exchange(LocalIntake intake, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", intake.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.write(b); // Connection: close, so the server ends the answer by closing
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void crossSiteTextPlainPostToTheFailKnobIsRefusedAndLaterBatchesAreAccepted() throws Exception {
        int n = 5000;
        // Knobs on, the worst case (a test or demo intake); with knobs off the route does not even exist.
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                        .port(0)
                        .knobs(true)
                        .build());
                Agent agent = Agent.start(
                        config(intake.logsUrl(), List.of(tcp("xsite", 900_000))).build())) {

            String withOrigin = exchange(intake, crossSitePost(intake, "http://evil.example"));
            String withoutOrigin = exchange(intake, crossSitePost(intake, null));

            assertThat(withOrigin).startsWith("HTTP/1.1 403").contains("refused: cross-site request from Origin");
            assertThat(withoutOrigin)
                    .startsWith("HTTP/1.1 415")
                    .contains("control routes require Content-Type: application/json");
            assertThat(intake.knobs().remainingFailures()).isZero();
            assertThat(intake.routeStats().get("/_knobs/fail"))
                    .containsEntry(403, 1L)
                    .containsEntry(415, 1L);

            sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, 200));
            await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
            SeqLines.Tally tally = SeqLines.tally(intake, n);
            assertThat(tally.lost()).isZero();
            assertThat(tally.duplicated()).isZero();
            assertThat(agent.drops().total()).isZero();
            assertThat(intake.routeStats().get("/api/v2/logs")).doesNotContainKey(400);
            FaultTable.row(
                    "cross-site text/plain POST to the local intake's /_knobs/fail (foreign Origin; then "
                            + "without Origin)",
                    n,
                    tally.delivered(),
                    tally.lost(),
                    tally.duplicated(),
                    "refused 403 (Origin) and 415 (not application/json), no knob armed; with default options "
                            + "the route answers 404");
        }
    }

    @Test
    void withDefaultOptionsTheKnobRouteDoesNotExist() throws Exception {
        try (LocalIntake intake = LocalIntake.start(
                LocalIntakeOptions.builder(dir.resolve("intake")).port(0).build())) {
            String answer = exchange(
                    intake, crossSitePost(intake, null).replace("text/plain;charset=UTF-8", "application/json"));

            assertThat(answer).startsWith("HTTP/1.1 404").contains("control routes are off");
            assertThat(intake.routeStats().get("/_knobs/fail")).containsEntry(404, 1L);
        }
    }
}
