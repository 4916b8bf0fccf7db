package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.config.FileSource;
import io.logship.config.LogSource;
import io.logship.config.StartPosition;
import io.logship.intake.LocalIntake;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code type: file} source through the real agent to the real local intake. */
class FileSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FLAG = "...TRUNCATED...";

    @TempDir
    Path dir;

    private Path logs;
    private LocalIntake intake;
    private Agent agent;

    @BeforeEach
    void startIntake() throws Exception {
        logs = Files.createDirectories(dir.resolve("logs"));
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
    void aFileThatAppearsLaterIsReadFromItsBeginningAndFollowed() throws Exception {
        agent = follow("*.log", null);

        append(logs.resolve("app.log"), lines("a", 0, 3));
        awaitMessages(3);
        append(logs.resolve("app.log"), lines("a", 3, 5));

        assertThat(awaitMessages(5)).containsExactlyInAnyOrderElementsOf(expect("a", 0, 5));
        StoredRecord first = records().get(0);
        assertThat(first.service()).isEqualTo("files");
        assertThat(first.ddsource()).isEqualTo("file");
    }

    @Test
    void startPositionEndSkipsWhatAFilePresentAtStartHolds() throws Exception {
        append(logs.resolve("old.log"), lines("old", 0, 10));
        agent = follow("*.log", null);

        append(logs.resolve("old.log"), lines("new", 0, 2));

        assertThat(awaitMessages(2)).containsExactlyElementsOf(expect("new", 0, 2));
    }

    @Test
    void startPositionBeginningReadsWhatAFilePresentAtStartHolds() throws Exception {
        append(logs.resolve("old.log"), lines("old", 0, 10));

        agent = start(source("*.log", StartPosition.BEGINNING, Optional.empty(), 900_000, 500), null);

        assertThat(awaitMessages(10)).containsExactlyInAnyOrderElementsOf(expect("old", 0, 10));
    }

    @Test
    void renameAndCreateRotationLosesAndRepeatsNothing() throws Exception {
        agent = follow("app.log", null);
        Path live = logs.resolve("app.log");
        append(live, lines("before", 0, 100));
        awaitMessages(100);

        try (OutputStream stillOpen = Files.newOutputStream(live, StandardOpenOption.APPEND)) {
            Files.move(live, logs.resolve("app.log.1"));
            stillOpen.write(String.join("", lines("late", 0, 20)).getBytes(UTF_8)); // the app reopens later
        }
        append(live, lines("after", 0, 100));

        List<String> expected = concat(expect("before", 0, 100), expect("late", 0, 20), expect("after", 0, 100));
        assertThat(awaitMessages(220)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void copytruncateRotationLosesAndRepeatsNothing() throws Exception {
        agent = follow("app.log", null);
        Path live = logs.resolve("app.log");
        append(live, lines("before", 0, 50));
        awaitMessages(50);

        Files.copy(live, logs.resolve("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
        try (var channel = Files.newByteChannel(live, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(live, lines("after", 0, 5));

        List<String> expected = concat(expect("before", 0, 50), expect("after", 0, 5));
        assertThat(awaitMessages(55)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aRestartResumesWhereTheLastRunStoppedWithoutRepeatingDeliveredLines() throws Exception {
        Path spool = dir.resolve("spool");
        agent = follow("*.log", spool);
        Path file = logs.resolve("app.log");
        append(file, lines("first", 0, 100));
        awaitMessages(100);
        agent.close();
        agent = null;

        append(file, lines("second", 0, 50));
        agent = follow("*.log", spool);

        List<String> expected = concat(expect("first", 0, 100), expect("second", 0, 50));
        assertThat(awaitMessages(150)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.list(spool.resolve("sources")).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.endsWith(".checkpoints"));
    }

    @Test
    void killMinus9LosesNoLineAndRepeatsAtMostTheLastRead() throws Exception {
        int n = 4000;
        Path file = logs.resolve("app.log");
        String yaml = "hostname: file-host\nstop_grace_period: 5s\n"
                + "intake:\n  url: " + intake.logsUrl() + "\n  max_in_flight: 2\n  timeout: 5s\n"
                + "retry:\n  base: 50ms\n  max: 500ms\n"
                + "batch:\n  max_records: 100\n  max_wait: 50ms\n"
                + "spool:\n  path: " + dir.resolve("spool") + "\n  fsync: every_batch\n";
        String files = "  - type: file\n    path: " + logs.resolve("*.log") + "\n    start_position: beginning\n";
        Files.write(file, SeqLines.lines(0, n / 2, 200));

        try (ForkedAgent first = ForkedAgent.start(dir, "files-1", yaml, files, 0)) {
            await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= n / 4);
            Files.write(file, SeqLines.lines(n / 2, n, 200), StandardOpenOption.APPEND);
            await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= n / 2 + 100);
            first.kill();
        }
        try (ForkedAgent second = ForkedAgent.start(dir, "files-2", yaml, files, 0)) {
            await().atMost(WAIT).until(() -> SeqLines.tally(intake, n).delivered() == n);
        }

        SeqLines.Tally tally = SeqLines.tally(intake, n);
        assertThat(tally.lost()).isZero();
        assertThat(tally.foreign()).isZero();
        // Repeated: the batches in flight at the kill (delivered, not yet acknowledged in the spool: at most
        // max_in_flight x max_records = 200 here, the spool's own at-least-once), plus, if the kill fell between a
        // tick's write-ahead and its checkpoint, that tick's lines (at most the second half, read in one slice).
        assertThat(tally.duplicated()).isLessThanOrEqualTo(200 + n / 2);
        FaultTable.row(
                "file source, kill -9 with the spool on, " + n + " lines of 200 bytes, restart",
                n,
                tally.delivered(),
                tally.lost(),
                tally.duplicated(),
                "repeated: the batches in flight (the spool's at-least-once); checkpoints saved each 100 ms tick");
    }

    @Test
    void aFileTruncatedWhileTheAgentWasStoppedIsReadFromItsBeginning() throws Exception {
        Path spool = dir.resolve("spool");
        Path file = logs.resolve("app.log");
        agent = follow("*.log", spool);
        append(file, lines("long-ago", 0, 30));
        awaitMessages(30);
        agent.close();
        agent = null;

        Files.writeString(file, String.join("", lines("short", 0, 2)));
        agent = follow("*.log", spool);

        List<String> expected = concat(expect("long-ago", 0, 30), expect("short", 0, 2));
        assertThat(awaitMessages(32)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFileDeletedWhileOpenIsReadToItsEnd() throws Exception {
        agent = follow("*.log", null);
        Path file = logs.resolve("app.log");
        append(file, lines("first", 0, 1));
        awaitMessages(1);

        append(file, lines("rest", 0, 5_000));
        Files.delete(file);

        List<String> expected = concat(expect("first", 0, 1), expect("rest", 0, 5_000));
        assertThat(awaitMessages(5_001)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void multiLineJoinsAStackTraceIntoOneRecord() throws Exception {
        agent = start(source("*.log", StartPosition.END, Optional.of("\\d{4}-\\d{2}-\\d{2} "), 900_000, 500), null);

        append(
                logs.resolve("app.log"),
                List.of(
                        "2026-11-27 12:00:00 ERROR boom\n",
                        "java.lang.IllegalStateException: boom\n",
                        "\tat a.B.c(B.java:1)\n",
                        "\tat a.B.d(B.java:2)\n",
                        "2026-11-27 12:00:01 INFO fine\n"));

        assertThat(awaitMessages(2))
                .containsExactly(
                        "2026-11-27 12:00:00 ERROR boom\njava.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n"
                                + "\tat a.B.d(B.java:2)",
                        "2026-11-27 12:00:01 INFO fine");
    }

    @Test
    void aGlobMatchingAThousandFilesIsFollowedWithinTheOpenFileLimit() throws Exception {
        agent = start(source("**/*.log", StartPosition.END, Optional.empty(), 900_000, 50), null);

        for (int i = 0; i < 1000; i++) {
            Path sub = Files.createDirectories(logs.resolve("d" + (i % 10)));
            append(sub.resolve("f" + i + ".log"), List.of("line of file " + i + "\n"));
        }

        List<String> expected =
                IntStream.range(0, 1000).mapToObj(i -> "line of file " + i).toList();
        assertThat(awaitMessages(1000)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLineLongerThanMaxMessageBytesIsCutIntoMarkedChunks() throws Exception {
        agent = start(source("*.log", StartPosition.END, Optional.empty(), 1000, 500), null);
        String longLine = "x".repeat(2500);

        append(logs.resolve("app.log"), List.of(longLine + "\n", "short\n"));

        assertThat(awaitMessages(4))
                .containsExactly(
                        "x".repeat(1000) + FLAG, FLAG + "x".repeat(1000) + FLAG, FLAG + "x".repeat(500), "short");
    }

    @Test
    void binaryGarbageAndADirectoryMatchingTheGlobDoNotStopTheSource() throws Exception {
        agent = follow("*.log", null);
        Files.createDirectories(logs.resolve("a-directory.log"));
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Files.write(logs.resolve("binary.log"), garbage);
        append(logs.resolve("good.log"), List.of("good line\n"));

        await().atMost(WAIT).until(() -> messages().contains("good line"));
        await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= 2); // the garbage arrives as text
        append(logs.resolve("good.log"), List.of("still followed\n"));
        await().atMost(WAIT).until(() -> messages().contains("still followed"));
    }

    @Test
    void anUnreadableFileIsSkippedAndCountedAndTheOthersAreRead() throws Exception {
        agent = follow("*.log", null);
        Path unreadable = logs.resolve("secret.log");
        append(unreadable, List.of("hidden\n"));
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(unreadable), "running as root: every file is readable");

        append(logs.resolve("good.log"), List.of("good line\n"));

        await().atMost(WAIT).until(() -> messages().contains("good line"));
        await().atMost(WAIT).until(() -> agent.inputErrors() >= 1);
        assertThat(messages()).doesNotContain("hidden");
    }

    private Agent start(LogSource source, Path spool) throws IOException {
        AgentHarness.Config config = config(intake.logsUrl(), List.of(source));
        config.spoolPath = spool;
        return Agent.start(config.build());
    }

    /** Follows {@code glob} with the defaults: start at the end, no multi-line, 900,000-byte lines, 500 files. */
    private Agent follow(String glob, Path spool) throws IOException {
        return start(source(glob, StartPosition.END, Optional.empty(), 900_000, 500), spool);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private FileSource source(
            String glob, StartPosition start, Optional<String> multiLine, int maxMessageBytes, int maxOpenFiles) {
        return new FileSource(
                logs.resolve(glob).toString(),
                List.of(),
                Optional.of("files"),
                Optional.of("file"),
                List.of("src:file"),
                maxMessageBytes,
                start,
                multiLine,
                maxOpenFiles);
    }

    private static List<String> lines(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i + "\n").collect(Collectors.toList());
    }

    private static void append(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("", lines), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Waits until the intake holds at least {@code n} records; returns their messages, oldest first. */
    private List<String> awaitMessages(int n) {
        await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= n);
        return messages();
    }

    private List<StoredRecord> records() {
        List<StoredRecord> all = new ArrayList<>(intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT)));
        all.sort(Comparator.comparingLong(StoredRecord::id));
        return all;
    }

    private List<String> messages() {
        return records().stream().map(StoredRecord::message).toList();
    }

    /** The messages {@link #lines} become. */
    private static List<String> expect(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }
}
