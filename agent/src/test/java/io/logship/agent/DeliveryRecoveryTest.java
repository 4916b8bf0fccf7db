package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.MetricsServer;
import io.logship.config.Compression;
import io.logship.config.Secret;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, "nothing accepted is lost": recovery after an outage, a bad record in a batch, and {@code /ready}
 * while the intake refuses or is unreachable. The real agent against the local intake or a {@link TestSink}, on
 * loopback; every row goes to the fault table.
 */
@Tag("fault")
class DeliveryRecoveryTest {
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);
    private static final boolean FULL = Boolean.getBoolean("logship.fullFaults");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String KEY = "k3y-that-must-never-show-0123456789";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void intakeBackAfterAnOutageGetsTheBacklogAtOnce() throws Exception {
        Duration outage = FULL ? Duration.ofSeconds(60) : Duration.ofSeconds(5);
        int port = FaultToleranceTest.freePort();
        AgentHarness.Config config =
                config(URI.create("http://127.0.0.1:" + port + "/api/v2/logs"), List.of(tcp("back", 900_000)));
        config.retryBase = Duration.ofSeconds(1);
        config.retryMax = Duration.ofSeconds(120); // the defaults: the old shared backoff reached 67-115 s here
        config.maxRecords = 500;
        Agent agent = start(config);
        int n = 5000;
        long start = System.nanoTime();

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, 200));
        await().atMost(LONG_WAIT)
                .until(() -> agent.metrics().source("tcp:127.0.0.1:0").recordsIn.count() == n);
        await().atMost(outage.plus(LONG_WAIT)).until(() -> System.nanoTime() - start >= outage.toNanos());
        assertThat(agent.sendCounters().recordsSent()).isZero();
        long retriesDuringOutage = agent.sendCounters().retries();
        LocalIntake intake = intake(
                LocalIntakeOptions.builder(dir.resolve("intake")).port(port).knobs(true));
        Instant back = Instant.now();

        // Deadlines the old behaviour misses: it napped up to the shared backoff (seconds to minutes) after the
        // intake came back, per batch.
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> intake.count(RecordQuery.all()) > 0);
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> intake.count(RecordQuery.all()) >= n);
        List<StoredRecord> records = intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT));
        Instant first = records.stream()
                .map(StoredRecord::receivedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = records.stream()
                .map(StoredRecord::receivedAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        SeqLines.Tally tally = SeqLines.tally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(agent.drops().total()).isZero();
        // One prober: at most about one attempt per second (plus one failure per other sender), not a storm.
        assertThat(retriesDuringOutage).isLessThanOrEqualTo(outage.toSeconds() * 4 + 8);
        FaultTable.row(
                "intake down " + outage.toSeconds() + " s (connection refused), then back; retry base 1 s, "
                        + "max 120 s",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "first record " + Duration.between(back, first).toMillis() + " ms and last "
                        + Duration.between(back, last).toMillis() + " ms after the intake came back; "
                        + retriesDuringOutage + " retries during the outage (one prober, <= 1 s apart)");
    }

    @Test
    void aRecordTheIntakeRefusesCostsOnlyItselfAndTheSpoolEntryWaitsForEveryPart() throws Exception {
        int n = 1000;
        int bad = 10;
        TestSink sink = new TestSink(n);
        open.add(sink);
        AtomicBoolean holdLastHalf = new AtomicBoolean(true);
        sink.policy(body ->
                body.contains("POISON") ? 400 : holdLastHalf.get() && body.contains("\"seq\":" + (n - 1)) ? 503 : 202);
        AgentHarness.Config config = config(sink.url(), List.of(tcp("bad", 900_000)));
        config.compression = Compression.NONE;
        config.maxWait = Duration.ofSeconds(5); // one batch of 1000 records
        config.spoolPath = dir.resolve("spool");
        config.retryBase = Duration.ofMillis(50);
        Agent agent = start(config);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            lines.append(
                    i == bad
                            ? "{\"message\":\"POISON\",\"seq\":" + i + "}\n"
                            : "{\"message\":\"good\",\"seq\":" + i + "}\n");
        }

        sendTcp(agent.boundAddresses().get(0), lines.toString().getBytes(StandardCharsets.UTF_8));

        // The second half (seq 500-999) is held by 503s; the first half's parts are all final: the entry is not.
        await().atMost(LONG_WAIT)
                .until(() ->
                        sink.tally().delivered() == n / 2 - 1 && agent.drops().total() == 1);
        assertThat(agent.spoolStats().orElseThrow().pendingEntries()).isEqualTo(1);
        assertThat(agent.recordsInSpool()).isEqualTo(n);
        holdLastHalf.set(false);
        await().atMost(LONG_WAIT).until(() -> sink.tally().delivered() == n - 1);
        await().atMost(LONG_WAIT).until(() -> agent.spoolStats().orElseThrow().pendingEntries() == 0);
        SeqLines.Tally tally = sink.tally();
        assertThat(tally.duplicated()).isZero();
        assertThat(tally.foreign()).isZero();
        assertThat(agent.sendCounters().recordsSent()).isEqualTo(n - 1);
        assertThat(agent.drops().byReason()).containsExactlyEntriesOf(Map.of(DropReason.INTAKE_BAD_REQUEST, 1L));
        assertThat(agent.metrics().droppedCount(DropReason.INTAKE_BAD_REQUEST)).isEqualTo(1);
        FaultTable.row(
                "400 for any batch holding 1 bad record (999 good + 1 bad, one batch, spool on)",
                n,
                tally.delivered(),
                1,
                tally.duplicated(),
                "batch split in halves recursively: 1 dropped "
                        + "(bad_request), 999 delivered in "
                        + agent.sendCounters().batchesSent() + " requests; the "
                        + "spool entry acknowledged only after its last part");
    }

    static Stream<Arguments> intakeFaults() {
        return Stream.of(
                Arguments.of("401", "intake refusing: HTTP 401 (unauthorized) since "),
                Arguments.of("403", "intake refusing: HTTP 403 (forbidden) since "),
                Arguments.of("500", "intake refusing: HTTP 500 (server_error) since "),
                Arguments.of("hang", "intake unreachable: timeout: "),
                Arguments.of("refused", "intake unreachable: transport_error: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intakeFaults")
    void readyIsFalseWithTheReasonWhileTheIntakeRefusesOrIsUnreachable(String fault, String reason) throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0).knobs(true));
        URI url = fault.equals("refused")
                ? URI.create("http://user:pa55@127.0.0.1:" + FaultToleranceTest.freePort() + "/api/v2/logs?dd-api-key="
                        + KEY)
                : URI.create("http://user:pa55@127.0.0.1:" + intake.port() + "/api/v2/logs?dd-api-key=" + KEY);
        switch (fault) {
            case "hang" -> intake.knobs().delay(Duration.ofSeconds(60));
            case "refused" -> {}
            default -> intake.knobs().failNext(1_000_000, Integer.parseInt(fault), Optional.empty());
        }
        AgentHarness.Config config = config(url, List.of(tcp("ready", 900_000)));
        config.apiKey = Secret.of(KEY);
        config.retryBase = Duration.ofMillis(50);
        config.retryMax = Duration.ofSeconds(1); // the grace before /ready turns false
        config.timeout = Duration.ofMillis(300);
        Agent agent = start(config);
        MetricsServer server =
                MetricsServer.start(agent.metrics(), () -> agent.intakeHealth().problem(), "127.0.0.1", 0);
        open.add(server);
        String ready = "http://127.0.0.1:" + server.address().getPort() + "/ready";
        assertThat(get(ready).statusCode()).isEqualTo(200);

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, 1, 100));

        await().atMost(LONG_WAIT).until(() -> get(ready).statusCode() == 503);
        HttpResponse<String> response = get(ready);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .startsWith("not ready: " + reason)
                .doesNotContain(KEY)
                .doesNotContain("pa55");
        if (fault.equals("refused")) {
            assertThat(response.body()).containsIgnoringCase("connection refused");
        }
        if (!fault.equals("refused")) {
            intake.knobs().clear();
            sendTcp(agent.boundAddresses().get(0), SeqLines.lines(1, 2, 100)); // 401/403 dropped the first
            await().atMost(LONG_WAIT).until(() -> get(ready).statusCode() == 200);
        }
        FaultTable.row(
                "/ready while the intake "
                        + (fault.equals("hang")
                                ? "hangs (timeout 300 ms)"
                                : fault.equals("refused") ? "refuses connections" : "answers " + fault),
                0,
                0,
                0,
                0,
                "503 after retry.max (1 s): `" + response.body().strip().replaceAll("since .*", "since ...`")
                        + (fault.equals("refused") ? "" : "; 200 again once the intake takes records"));
    }

    @Test
    void theAgentProcessAnswersReadyWithTheReasonWhileTheIntakeRefuses() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0).knobs(true));
        intake.knobs().failNext(1_000_000, 403, Optional.empty());
        String yaml = "api_key: " + KEY + "\n"
                + "intake:\n  url: " + intake.logsUrl() + "?dd-api-key=" + KEY + "\n"
                + "retry:\n  base: 50ms\n  max: 1s\n"
                + "batch:\n  max_wait: 50ms\n";
        try (ForkedAgent agent = ForkedAgent.start(dir, "ready", yaml)) {
            sendTcp(agent.input, SeqLines.lines(0, 1, 100));

            await().atMost(LONG_WAIT).until(() -> agent.get("/ready").statusCode() == 503);
            HttpResponse<String> response = agent.get("/ready");
            assertThat(response.body())
                    .startsWith("not ready: intake refusing: HTTP 403 (forbidden) since ")
                    .doesNotContain(KEY);
            intake.knobs().clear();
            sendTcp(agent.input, SeqLines.lines(1, 2, 100));
            await().atMost(LONG_WAIT).until(() -> agent.get("/ready").statusCode() == 200);
            assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();
            assertThat(agent.output()).doesNotContain(KEY).contains("dd-api-key=********");
        }
    }

    // --- helpers ---

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Agent start(AgentHarness.Config config) throws IOException {
        Agent agent = Agent.start(config.build());
        open.add(agent);
        return agent;
    }

    private LocalIntake intake(LocalIntakeOptions.Builder options) throws IOException {
        LocalIntake intake = LocalIntake.start(options.host("127.0.0.1").build());
        open.add(intake);
        return intake;
    }
}
