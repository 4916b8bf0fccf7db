package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logship.agent.buffer.spool.AppendResult;
import io.logship.agent.buffer.spool.DiskSpool;
import io.logship.agent.buffer.spool.SpoolStats;
import io.logship.agent.cli.ExitReport;
import io.logship.agent.metrics.DropReason;
import io.logship.config.FsyncPolicy;
import io.logship.config.WhenFull;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery under faults: the real agent against the real local intake and its fault knobs, on loopback. Each test
 * is bounded (the longest is the 20 s outage) and appends its row to {@code target/fault-table.md}.
 */
@Tag("fault")
class FaultToleranceTest {
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);
    private static final int LINE_BYTES = 200;

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
    void intakeDownTwentySecondsThenBackDeliversEveryRecordOnce() throws Exception {
        int port = freePort();
        AgentHarness.Config config =
                config(URI.create("http://127.0.0.1:" + port + "/api/v2/logs"), List.of(tcp("outage", 900_000)));
        config.retryBase = Duration.ofMillis(200);
        config.retryMax = Duration.ofSeconds(2);
        Agent agent = start(config);
        int n = 5000;
        long start = System.nanoTime();

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, LINE_BYTES));

        // The agent keeps accepting input while the intake is down.
        await().atMost(LONG_WAIT)
                .until(() -> agent.metrics().source("tcp:127.0.0.1:0").recordsIn.count() == n);
        await().atMost(LONG_WAIT)
                .until(() -> System.nanoTime() - start >= Duration.ofSeconds(20).toNanos());
        assertThat(agent.sendCounters().retries()).isPositive();
        assertThat(agent.sendCounters().recordsSent()).isZero();
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(port));

        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(agent.drops().total()).isZero();
        FaultTable.row(
                "intake down 20 s (connection refused), then back",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                agent.sendCounters().retries() + " retries");
    }

    @Test
    void retryAfterOn429IsHonoured() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().failNext(1, 429, Optional.of(Duration.ofSeconds(2)));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("ra", 900_000)));
        config.retryMax = Duration.ofSeconds(10); // Retry-After is capped at the max backoff; the base stays 10 ms
        Agent agent = start(config);

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, 1, LINE_BYTES));
        await().atMost(LONG_WAIT)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> intake.knobs().remainingFailures() == 0);
        Instant answered429 = Instant.now(); // at or after the 429 was answered

        StoredRecord record = AgentHarness.awaitRecords(intake, 1).get(0);
        Duration waited = Duration.between(answered429, record.receivedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900)); // receivedAt has ms precision
        assertThat(intake.routeStats().get("/api/v2/logs"))
                .containsEntry(429, 1L)
                .containsEntry(202, 1L);
        FaultTable.row(
                "429 with Retry-After: 2",
                1,
                1,
                0,
                0,
                "second request " + waited.toMillis() + " ms after the 429 (retry base 10 ms)");
    }

    @Test
    void storm503IsRetriedUntilEverythingIsDelivered() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().failNext(200, 503, Optional.empty());
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("storm", 900_000)));
        config.maxRecords = 100;
        Agent agent = start(config);
        int n = 3000;

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, LINE_BYTES));

        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(agent.sendCounters().retries()).isEqualTo(200);
        assertThat(agent.metrics()
                        .registry()
                        .get("logship.intake.responses")
                        .tag("status", "503")
                        .counter()
                        .count())
                .isEqualTo(200.0);
        FaultTable.row(
                "503 storm (200 answers in a row)",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "200 retries");
    }

    @Test
    void slowIntakeFiveSecondsPerRequestStillGetsEverything() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().delay(Duration.ofSeconds(5));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("slow", 900_000)));
        config.timeout = Duration.ofSeconds(10);
        config.maxRecords = 500;
        Agent agent = start(config);
        int n = 2000;

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, LINE_BYTES));

        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        Timer latency = agent.metrics().sendLatency;
        await().atMost(LONG_WAIT).until(() -> agent.sendCounters().recordsSent() == n); // answers come after storing
        assertThat(latency.count()).as("requests timed").isPositive();
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS) / latency.count())
                .as("mean send latency, ms")
                .isGreaterThanOrEqualTo(4900);
        assertThat(agent.sendCounters().retries()).isZero();
        FaultTable.row(
                "slow intake (5 s per request, timeout 10 s)",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "4 requests in flight");
    }

    @Test
    void badRequestAndTooLargeAreDroppedCountedAndAcknowledgedInTheSpool() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("drops", 900_000)));
        config.spoolPath = dir.resolve("spool");
        Agent agent = start(config);
        InetSocketAddress to = agent.boundAddresses().get(0);

        // A 400 on several records splits the batch: 3 records in one batch take 5 refusals ([0,1,2], [0], [1,2],
        // [1], [2]) to be dropped entirely; in smaller batches, fewer (the next knob replaces what is left).
        intake.knobs().failNext(5, 400, Optional.empty());
        sendTcp(to, SeqLines.lines(0, 3, LINE_BYTES));
        await().atMost(LONG_WAIT).until(() -> agent.drops().total() == 3);
        intake.knobs().failNext(1, 413, Optional.empty());
        sendTcp(to, SeqLines.lines(3, 5, LINE_BYTES));
        await().atMost(LONG_WAIT).until(() -> agent.drops().total() == 5);
        sendTcp(to, SeqLines.lines(5, 6, LINE_BYTES));

        SeqLines.Tally tally = awaitTally(intake, 6, 1);
        assertThat(agent.drops().byReason())
                .containsEntry(DropReason.INTAKE_BAD_REQUEST, 3L)
                .containsEntry(DropReason.INTAKE_PAYLOAD_TOO_LARGE, 2L);
        assertThat(agent.metrics().droppedCount(DropReason.INTAKE_BAD_REQUEST)).isEqualTo(3);
        assertThat(agent.metrics().droppedCount(DropReason.INTAKE_PAYLOAD_TOO_LARGE))
                .isEqualTo(2);
        assertThat(agent.sendCounters().retries()).isZero();
        await().atMost(LONG_WAIT).until(() -> agent.spoolStats().orElseThrow().pendingEntries() == 0);
        FaultTable.row(
                "400 and 413 answers (spool on)",
                6,
                tally.delivered(),
                5,
                tally.duplicated(),
                "5 dropped and counted (bad_request 3, payload_too_large 2), acknowledged in the spool");
    }

    @Test
    void corruptedSpoolSegmentAndTornTailAreSkippedAndCounted() throws Exception {
        Path spoolDir = dir.resolve("spool");
        try (DiskSpool spool = DiskSpool.open(spoolDir, 1L << 30, FsyncPolicy.EVERY_BATCH, Duration.ofSeconds(1))) {
            for (int e = 0; e < 4; e++) {
                AppendResult r = spool.append(jsonArray(e * 10, e * 10 + 10), 10, 0);
                assertThat(r.isAppended()).isTrue();
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(spoolDir)) {
            segment = files.filter(p -> p.getFileName().toString().endsWith(".spool"))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        int second = indexOf(bytes, "LSEN".getBytes(StandardCharsets.US_ASCII), 2);
        bytes[second + 36 + 20] ^= 0x5A; // a payload byte of entry 2: its CRC32C fails
        Files.write(segment, Arrays.copyOf(bytes, bytes.length - 15)); // entry 4 torn by a "crash"
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("replay", 900_000)));
        config.spoolPath = spoolDir;

        Agent agent = start(config);
        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(40, 41, LINE_BYTES)); // the agent still works

        SeqLines.Tally tally = awaitTally(intake, 41, 21);
        SpoolStats stats = agent.spoolStats().orElseThrow();
        assertThat(stats.corruptEntriesSkipped()).isEqualTo(1);
        assertThat(stats.tornTails()).isEqualTo(1);
        List<Integer> seqs = intake.query(RecordQuery.all().withLimit(100)).stream()
                .map(r -> SeqLines.seqOf(r.json()))
                .sorted()
                .toList();
        assertThat(seqs).hasSize(21).startsWith(0, 1, 2).contains(20, 29, 40).doesNotContain(10, 19, 30, 39);
        assertThat(agent.metrics().scrape())
                .contains("logship_spool_damaged_entries_total{kind=\"corrupt\"} 1.0")
                .contains("logship_spool_damaged_entries_total{kind=\"torn_tail\"} 1.0");
        FaultTable.row(
                "corrupted spool segment (1 entry flipped + torn tail) at start",
                41,
                tally.delivered(),
                41 - tally.delivered(),
                tally.duplicated(),
                "2 damaged entries (20 records) skipped and counted; " + "intact entries replayed oldest first");
    }

    @Test
    void fullSpoolAppliesBackpressureAndLosesNothing() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().failNext(1_000_000, 503, Optional.empty());
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("full", 900_000)));
        config.spoolPath = dir.resolve("spool");
        config.spoolMaxBytes = 1L << 20;
        config.bufferBytes = 1L << 20;
        config.maxBatchBytes = 64 << 10;
        Agent agent = start(config);
        int n = 9000; // about 9 MB: more than the spool, the buffer and the socket buffers together
        CompletableFuture<Void> client = sendInBackground(agent.boundAddresses().get(0), SeqLines.lines(0, n, 1000));

        await().atMost(LONG_WAIT)
                .until(() -> agent.spoolStats().orElseThrow().fullRejections() > 0 && agent.isBackpressured());
        assertThat(client).isNotDone(); // the client is slowed down, not dropped
        assertThat(agent.spoolStats().orElseThrow().sizeBytes()).isLessThanOrEqualTo(1L << 20);
        intake.knobs().clear();

        client.get(60, TimeUnit.SECONDS);
        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(agent.metrics().droppedCount(DropReason.SHUTDOWN)).isZero();
        FaultTable.row(
                "full spool (1 MiB spool + 1 MiB buffer, 9 MB offered while the intake answers 503)",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "backpressure: the client blocked until the " + "intake came back");
    }

    @Test
    void unwritableSpoolPathFailsTheStartWithAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        AgentHarness.Config config = config(URI.create("http://127.0.0.1:1/api/v2/logs"), List.of(tcp("u", 900_000)));
        config.spoolPath = file.resolve("spool");

        assertThatThrownBy(() -> Agent.start(config.build()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("spool (spool.path " + file.resolve("spool") + ") cannot start: ")
                .hasMessageEndingWith(" - check or change spool.path");
        await().atMost(AgentHarness.WAIT)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive()
                                && (t.getName().startsWith("logship-sender")
                                        || t.getName().startsWith("logship-spool"))));
        FaultTable.row(
                "unwritable spool path",
                0,
                0,
                0,
                0,
                "start refused: `" + "cannot open the spool (spool.path "
                        + ".../not-a-directory/spool): cannot create spool directory ...`, nothing left running");
    }

    @Test
    void closeMovesWhatIsLeftToTheSpoolAndTheNextStartDeliversIt() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().failNext(1_000_000, 503, Optional.empty());
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("stop", 900_000)));
        config.spoolPath = dir.resolve("spool");
        config.stopGrace = Duration.ofMillis(500);
        config.maxRecords = 100;
        Agent first = Agent.start(config.build());
        int n = 1000;
        sendTcp(first.boundAddresses().get(0), SeqLines.lines(0, n, LINE_BYTES));
        await().atMost(LONG_WAIT)
                .until(() -> first.metrics().source("tcp:127.0.0.1:0").recordsIn.count() == n);

        first.close();

        ExitReport report = ExitReport.of(first);
        assertThat(report.delivered()).isZero();
        assertThat(report.spooled()).isEqualTo(n);
        assertThat(report.lostTotal()).isZero();
        assertThat(report.toString())
                .isEqualTo("stopped: 0 records delivered in 0 batches, 1000 kept in the spool "
                        + "for the next start, 0 lost; 1000 read (+0 from the last run)");
        intake.knobs().clear();
        Agent second = start(config);
        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        FaultTable.row(
                "stop while the intake answers 503 (spool on), then restart",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "1000 kept in the spool at stop, sent after restart");
        assertThat(second.recordsInSpool()).isZero();
    }

    @Test
    void intervalFsyncSpoolDeliversAndSyncs() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("interval", 900_000)));
        config.spoolPath = dir.resolve("spool");
        config.fsync = FsyncPolicy.INTERVAL; // every 200 ms in the harness
        config.maxRecords = 100;
        Agent agent = start(config);
        int n = 1000;

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, LINE_BYTES));

        SeqLines.Tally tally = awaitTally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicated()).isZero();
        assertThat(agent.recordsSpooled()).isEqualTo(n);
        await().atMost(LONG_WAIT).until(() -> agent.spoolStats().orElseThrow().fsyncs() > 0);
    }

    @Test
    void dropNewestDropsAndCountsInsteadOfBlocking() throws Exception {
        LocalIntake intake =
                intake(LocalIntakeOptions.builder(dir.resolve("intake")).port(0));
        intake.knobs().failNext(1_000_000, 503, Optional.empty());
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("dn", 900_000)));
        config.whenFull = WhenFull.DROP_NEWEST;
        config.bufferBytes = 1L << 20;
        config.maxBatchBytes = 64 << 10;
        Agent agent = start(config);
        int n = 9000; // about 3 MB, three times the buffer

        sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, n, 330)); // never blocks

        await().atMost(LONG_WAIT)
                .until(() -> agent.metrics().source("tcp:127.0.0.1:0").recordsIn.count() == n);
        long dropped = agent.metrics().droppedCount(DropReason.BUFFER_FULL);
        assertThat(dropped).isPositive();
        intake.knobs().clear();
        await().atMost(LONG_WAIT).until(() -> agent.sendCounters().recordsSent() == n - dropped);
        SeqLines.Tally tally = SeqLines.tally(intake, n);
        assertThat(tally.delivered()).isEqualTo(n - dropped);
        assertThat(tally.duplicated()).isZero();
        FaultTable.row(
                "when_full: drop_newest, 3 MB into a 1 MiB buffer while the intake answers 503",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                dropped + " dropped and counted (buffer_full)");
    }

    // --- helpers ---

    private Agent start(AgentHarness.Config config) throws IOException {
        Agent agent = Agent.start(config.build());
        open.add(agent);
        return agent;
    }

    private LocalIntake intake(LocalIntakeOptions.Builder options) throws IOException {
        // Knobs on: the fault tests arm them.
        LocalIntake intake =
                LocalIntake.start(options.host("127.0.0.1").knobs(true).build());
        open.add(intake);
        return intake;
    }

    private static SeqLines.Tally awaitTally(LocalIntake intake, int offered) {
        return awaitTally(intake, offered, offered);
    }

    private static SeqLines.Tally awaitTally(LocalIntake intake, int offered, int expected) {
        await().atMost(LONG_WAIT).until(() -> intake.count(RecordQuery.all()) >= expected);
        return SeqLines.tally(intake, offered);
    }

    static CompletableFuture<Void> sendInBackground(InetSocketAddress to, byte[] bytes) {
        return CompletableFuture.runAsync(
                () -> {
                    try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
                        OutputStream out = socket.getOutputStream();
                        for (int at = 0; at < bytes.length; at += 64 << 10) {
                            out.write(bytes, at, Math.min(64 << 10, bytes.length - at));
                        }
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                runnable -> {
                    Thread t = new Thread(runnable, "fault-client");
                    t.setDaemon(true);
                    t.start();
                });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] jsonArray(int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(',');
            }
            sb.append("{\"message\":\"spooled\",\"service\":\"replay\",\"seq\":")
                    .append(i)
                    .append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Offset of the {@code nth} (1-based) occurrence of {@code needle}. */
    private static int indexOf(byte[] haystack, byte[] needle, int nth) {
        int found = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (++found == nth) {
                return i;
            }
        }
        throw new AssertionError("occurrence " + nth + " not found");
    }
}
