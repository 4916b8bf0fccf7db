package io.logship.agent;

import static io.logship.agent.AgentHarness.awaitRecords;
import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.sendUdp;
import static io.logship.agent.AgentHarness.tcp;
import static io.logship.agent.AgentHarness.udp;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.config.Compression;
import io.logship.config.LogSource;
import io.logship.config.Secret;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgentEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLAG = "...TRUNCATED...";

    @TempDir
    Path dir;

    private LocalIntake intake;
    private Agent agent;

    @BeforeEach
    void startIntake() throws Exception {
        intake = AgentHarness.startIntake(dir.resolve("intake"), null);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        intake.close();
    }

    @Test
    void tcpLinesArriveAsEnrichedRecords() throws Exception {
        agent = Agent.start(
                config(intake.logsUrl(), List.of(tcp("web", 900_000))).build());
        long before = System.currentTimeMillis();

        sendTcp(agent.boundAddresses().get(0), "hello world\n".getBytes(UTF_8));

        JsonNode record = json(awaitRecords(intake, 1).get(0));
        assertThat(record.get("message").asText()).isEqualTo("hello world");
        assertThat(record.get("status").asText()).isEqualTo("info");
        assertThat(record.get("hostname").asText()).isEqualTo(AgentHarness.HOSTNAME);
        assertThat(record.get("service").asText()).isEqualTo("web");
        assertThat(record.get("ddsource").asText()).isEqualTo("java");
        assertThat(record.get("ddtags").asText()).isEqualTo("src:web,env:test");
        assertThat(record.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void metricsCountRecordsAndBytesInAndOut() throws Exception {
        agent = Agent.start(config(intake.logsUrl(), List.of(tcp("m", 900_000))).build());

        sendTcp(agent.boundAddresses().get(0), "one\ntwo\n".getBytes(UTF_8));
        awaitRecords(intake, 2);

        await().atMost(AgentHarness.WAIT)
                .until(() -> agent.metrics().recordsSent.count() == 2.0);
        SourceMeters source = agent.metrics().source("tcp:127.0.0.1:0");
        assertThat(source.recordsIn.count()).isEqualTo(2.0);
        assertThat(source.bytesIn.count()).isEqualTo(8.0);
        assertThat(agent.metrics().batchesSent.count()).isEqualTo(1.0);
        assertThat(agent.metrics().bytesSentCompressed.count()).isPositive();
        assertThat(agent.metrics().scrape()).contains("logship_intake_responses_total{status=\"202\"} 1.0");
        await().atMost(AgentHarness.WAIT).until(() -> source.openConnections.get() == 0);
    }

    @Test
    void jsonLineIsMergedAndItsValuesWin() throws Exception {
        agent = Agent.start(
                config(intake.logsUrl(), List.of(tcp("web", 900_000))).build());

        long recent = System.currentTimeMillis() - 1000; // the intake takes times up to 18 h old (see README)
        sendTcp(
                agent.boundAddresses().get(0),
                ("{\"message\":\"login\",\"status\":\"warn\",\"service\":\"auth\",\"user\":{\"id\":7},\"timestamp\":"
                                + recent + "}\n")
                        .getBytes(UTF_8));

        StoredRecord stored = awaitRecords(intake, 1).get(0);
        JsonNode record = json(stored);
        assertThat(stored.message()).isEqualTo("login");
        assertThat(record.get("status").asText()).isEqualTo("warn");
        assertThat(record.get("service").asText()).isEqualTo("auth");
        assertThat(record.get("user").get("id").asInt()).isEqualTo(7);
        assertThat(record.get("timestamp").asLong()).isEqualTo(recent);
        assertThat(record.get("ddsource").asText()).isEqualTo("java");
    }

    @Test
    void framingRulesHoldEndToEnd() throws Exception {
        agent = Agent.start(config(intake.logsUrl(), List.of(tcp("web", 16))).build());
        byte[] invalid = {'b', 'a', 'd', (byte) 0xff, '!', '\n'};
        String text = "crlf line\r\n\n\r\n" + "0123456789abcdefXYZ\n" + "0123456789abcdef\n";

        sendTcp(agent.boundAddresses().get(0), concat(text.getBytes(UTF_8), invalid, "partial".getBytes(UTF_8)));

        assertThat(awaitRecords(intake, 6))
                .extracting(StoredRecord::message)
                .containsExactly(
                        "crlf line",
                        "0123456789abcdef" + FLAG,
                        FLAG + "XYZ",
                        "0123456789abcdef",
                        "bad\uFFFD!",
                        "partial");
    }

    @Test
    void udpDatagramsBecomeRecordsOnePerLine() throws Exception {
        agent = Agent.start(config(intake.logsUrl(), List.of(udp("dgram"))).build());
        InetSocketAddress to = agent.boundAddresses().get(0);

        sendUdp(to, "single".getBytes(UTF_8));
        await().atMost(AgentHarness.WAIT).until(() -> intake.count(RecordQuery.all()) == 1);
        sendUdp(to, "first\r\nsecond\n{\"message\":\"third\"}".getBytes(UTF_8));

        List<StoredRecord> records = awaitRecords(intake, 4);
        assertThat(records).extracting(StoredRecord::message).containsExactly("single", "first", "second", "third");
        assertThat(records).extracting(StoredRecord::service).containsOnly("dgram");
    }

    @Test
    void tcpAndUdpSourcesRunSideBySide() throws Exception {
        agent = Agent.start(
                config(intake.logsUrl(), List.of(tcp("t", 900_000), udp("u"))).build());

        sendTcp(agent.boundAddresses().get(0), "via tcp\n".getBytes(UTF_8));
        sendUdp(agent.boundAddresses().get(1), "via udp".getBytes(UTF_8));

        assertThat(awaitRecords(intake, 2))
                .extracting(r -> r.service() + ":" + r.message())
                .containsExactlyInAnyOrder("t:via tcp", "u:via udp");
    }

    @Test
    void thousandConcurrentConnectionsEachDeliverTheirLine() throws Exception {
        agent = Agent.start(
                config(intake.logsUrl(), List.of(tcp("many", 900_000))).build());
        InetSocketAddress to = agent.boundAddresses().get(0);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                sockets.add(new Socket(to.getAddress(), to.getPort()));
            }
            for (int i = 0; i < 1000; i++) {
                OutputStream out = sockets.get(i).getOutputStream();
                out.write(("connection " + i + "\n").getBytes(UTF_8));
                out.flush();
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }

        List<StoredRecord> records = awaitRecords(intake, 1000);
        assertThat(records).hasSize(1000);
        assertThat(records)
                .extracting(StoredRecord::message)
                .doesNotHaveDuplicates()
                .allMatch(m -> m.startsWith("connection "));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyCompressionIsDecodedByTheIntake(Compression compression) throws Exception {
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("c", 900_000)));
        config.compression = compression;
        config.level = compression.defaultLevel();
        agent = Agent.start(config.build());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            lines.append("line ")
                    .append(i)
                    .append(" é ")
                    .append("x".repeat(100))
                    .append('\n');
        }

        sendTcp(agent.boundAddresses().get(0), lines.toString().getBytes(UTF_8));

        List<StoredRecord> records = awaitRecords(intake, 300);
        assertThat(records.get(299).message()).startsWith("line 299 é ");
        await().atMost(AgentHarness.WAIT).until(() -> agent.sendCounters().recordsSent() == 300);
    }

    @Test
    void apiKeyIsSentAndAWrongKeyIsDroppedAndCounted() throws Exception {
        intake.close();
        intake = AgentHarness.startIntake(dir.resolve("keyed"), "right-key");
        AgentHarness.Config good = config(intake.logsUrl(), List.of(tcp("k", 900_000)));
        good.apiKey = Secret.of("right-key");
        agent = Agent.start(good.build());
        sendTcp(agent.boundAddresses().get(0), "accepted\n".getBytes(UTF_8));
        assertThat(awaitRecords(intake, 1).get(0).message()).isEqualTo("accepted");
        agent.close();

        AgentHarness.Config bad = config(intake.logsUrl(), List.of(tcp("k", 900_000)));
        bad.apiKey = Secret.of("wrong-key");
        agent = Agent.start(bad.build());
        sendTcp(agent.boundAddresses().get(0), "rejected\n".getBytes(UTF_8));

        await().atMost(AgentHarness.WAIT).until(() -> agent.drops().total() == 1);
        assertThat(agent.drops().byReason()).containsEntry(DropReason.INTAKE_FORBIDDEN, 1L);
        assertThat(agent.metrics().droppedCount(DropReason.INTAKE_FORBIDDEN)).isEqualTo(1);
        assertThat(agent.sendCounters().retries()).isZero();
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void retryableAnswersAreRetriedUntilAccepted() throws Exception {
        intake.knobs().failNext(2, 503, Optional.empty());
        agent = Agent.start(config(intake.logsUrl(), List.of(tcp("r", 900_000))).build());

        sendTcp(agent.boundAddresses().get(0), "eventually\n".getBytes(UTF_8));

        assertThat(awaitRecords(intake, 1).get(0).message()).isEqualTo("eventually");
        assertThat(agent.sendCounters().retries()).isEqualTo(2);
        assertThat(agent.drops().total()).isZero();
    }

    @Test
    void retriesNeverStopByDefault() throws Exception {
        intake.knobs().failNext(20, 500, Optional.empty());
        agent = Agent.start(config(intake.logsUrl(), List.of(tcp("r", 900_000))).build());

        sendTcp(agent.boundAddresses().get(0), "persistent\n".getBytes(UTF_8));

        assertThat(awaitRecords(intake, 1).get(0).message()).isEqualTo("persistent");
        assertThat(agent.sendCounters().retries()).isEqualTo(20);
        assertThat(agent.drops().total()).isZero();
    }

    @Test
    void slowIntakeTimesOutAndIsRetried() throws Exception {
        intake.knobs().delay(Duration.ofMillis(1500));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("slow", 900_000)));
        config.timeout = Duration.ofMillis(300);
        agent = Agent.start(config.build());

        sendTcp(agent.boundAddresses().get(0), "late\n".getBytes(UTF_8));
        await().atMost(AgentHarness.WAIT).until(() -> agent.sendCounters().retries() >= 1);
        intake.knobs().clear();

        await().atMost(AgentHarness.WAIT).until(() -> agent.sendCounters().recordsSent() == 1);
        assertThat(agent.drops().total()).isZero();
        assertThat(intake.query(RecordQuery.all()))
                .extracting(StoredRecord::message)
                .contains("late");
    }

    @Test
    void badRequestIsDroppedWithoutRetry() throws Exception {
        intake.knobs().failNext(1, 400, Optional.empty());
        agent = Agent.start(config(intake.logsUrl(), List.of(tcp("r", 900_000))).build());

        sendTcp(agent.boundAddresses().get(0), "refused\n".getBytes(UTF_8));
        await().atMost(AgentHarness.WAIT).until(() -> agent.drops().total() == 1);
        sendTcp(agent.boundAddresses().get(0), "next\n".getBytes(UTF_8));

        assertThat(awaitRecords(intake, 1).get(0).message()).isEqualTo("next");
        assertThat(agent.drops().byReason()).containsEntry(DropReason.INTAKE_BAD_REQUEST, 1L);
        assertThat(agent.sendCounters().retries()).isZero();
    }

    @Test
    void recordOverTheBatchLimitIsChunkedToFitNotDropped() throws Exception {
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("o", 900_000)));
        config.maxBatchBytes = 400;
        config.maxInFlight = 1; // one record per batch: in order
        agent = Agent.start(config.build());

        sendTcp(agent.boundAddresses().get(0), ("x".repeat(500) + "\nsmall\n").getBytes(UTF_8));

        await().atMost(AgentHarness.WAIT)
                .until(() -> intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT)).stream()
                        .anyMatch(r -> "small".equals(r.message())));
        List<StoredRecord> records = awaitRecords(intake, 1);
        assertThat(records.get(records.size() - 1).message()).isEqualTo("small");
        StringBuilder joined = new StringBuilder();
        for (StoredRecord r : records.subList(0, records.size() - 1)) {
            assertThat(r.json().getBytes(UTF_8).length).isLessThanOrEqualTo(398);
            joined.append(r.message().replace("...TRUNCATED...", ""));
        }
        assertThat(records.size()).isGreaterThan(2);
        assertThat(joined.toString()).isEqualTo("x".repeat(500));
        assertThat(agent.recordsDroppedOversize()).isZero();
        assertThat(agent.metrics().droppedCount(DropReason.RECORD_TOO_LARGE)).isZero();
    }

    @Test
    void fullQueuePausesReadingAndEverythingArrivesAfterwards() throws Exception {
        intake.knobs().delay(Duration.ofMillis(300));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("bp", 900_000)));
        config.bufferBytes = 2_000;
        config.maxRecords = 10;
        agent = Agent.start(config.build());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            lines.append("record number ").append(i).append('\n');
        }

        sendTcp(agent.boundAddresses().get(0), lines.toString().getBytes(UTF_8));

        await().atMost(AgentHarness.WAIT).until(agent::isBackpressured);
        intake.knobs().clear();
        assertThat(awaitRecords(intake, 400)).hasSize(400);
        await().atMost(AgentHarness.WAIT).until(() -> !agent.isBackpressured());
    }

    @Test
    void closeFlushesOpenBatchesAndPartialLines() throws Exception {
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("f", 900_000)));
        config.maxWait = Duration.ofMinutes(5);
        agent = Agent.start(config.build());
        Socket open = new Socket(
                agent.boundAddresses().get(0).getAddress(),
                agent.boundAddresses().get(0).getPort());
        open.getOutputStream().write("complete\nunfinished".getBytes(UTF_8));
        open.getOutputStream().flush();
        await().atMost(AgentHarness.WAIT).until(() -> agent.boundAddresses().size() == 1 && open.isConnected());

        agent.close();
        open.close();

        assertThat(awaitRecords(intake, 2))
                .extracting(StoredRecord::message)
                .containsExactlyInAnyOrder("complete", "unfinished");
    }

    @Test
    void closeIsBoundedByTheGracePeriodWhenTheIntakeKeepsFailing() throws Exception {
        intake.knobs().failNext(1000, 503, Optional.empty());
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("down", 900_000)));
        config.retryBase = Duration.ofSeconds(30);
        config.stopGrace = Duration.ofMillis(500);
        agent = Agent.start(config.build());
        sendTcp(agent.boundAddresses().get(0), "stuck\n".getBytes(UTF_8));
        await().atMost(AgentHarness.WAIT).until(() -> agent.sendCounters().retries() >= 1);

        long start = System.nanoTime();
        agent.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(agent.drops().byReason()).containsEntry(DropReason.SHUTDOWN, 1L);
        assertThat(agent.metrics().droppedCount(DropReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void withoutUrlOrKeyTheAgentStartsAndFeedsTheLocalIntake() throws Exception {
        AgentHarness.Config config = config(null, List.of(tcp("local", LogSource.DEFAULT_MAX_MESSAGE_BYTES)));
        config.localIntakeDir = dir.resolve("embedded");
        agent = Agent.start(config.build());

        LocalIntake embedded = agent.localIntake().orElseThrow();
        assertThat(agent.intakeUrl()).isEqualTo(embedded.logsUrl());
        sendTcp(agent.boundAddresses().get(0), "to the local intake\n".getBytes(UTF_8));

        assertThat(awaitRecords(embedded, 1).get(0).message()).isEqualTo("to the local intake");
    }

    @Test
    void portInUseFailsStartWithTheAddressAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LogSource onTakenPort = new SocketSource(
                    SourceType.TCP,
                    "127.0.0.1",
                    taken.getLocalPort(),
                    Optional.of("s"),
                    Optional.empty(),
                    List.of(),
                    LogSource.DEFAULT_MAX_MESSAGE_BYTES);

            Assertions.assertThatThrownBy(() -> Agent.start(
                            config(intake.logsUrl(), List.of(onTakenPort)).build()))
                    .isInstanceOf(IOException.class)
                    .hasMessage("logs[0] (tcp) cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": address already in use - change logs[0].port");
        }

        await().atMost(AgentHarness.WAIT)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("logship-sender")));
    }

    private static JsonNode json(StoredRecord record) throws Exception {
        return MAPPER.readTree(record.json());
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
