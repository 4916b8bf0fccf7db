package io.logship.logback.journald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.syslog.Daemon;
import io.logship.logback.syslog.StatusMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JournaldAppender} against a real systemd-journald started by this test in its own journal namespace
 * ({@code systemd-journald <namespace>}: sockets under {@code /run/systemd/journal.<namespace>/}), so the system
 * journal is never touched. Entries are read back with {@code journalctl --namespace=<namespace> -o json}. The
 * namespace's sockets and journal files are deleted afterwards.
 */
@Timeout(60)
class JournaldTest {
    private static final Path JOURNALD = Path.of("/lib/systemd/systemd-journald");
    private static final Path JOURNALCTL = Path.of("/bin/journalctl");
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE =
            "logshiptest" + ProcessHandle.current().pid();
    private static final Path RUN_DIR = Path.of("/run/systemd/journal." + NAMESPACE);
    private static final Path SOCKET = RUN_DIR.resolve("socket");

    @TempDir
    static Path dir;

    private static Daemon daemon;

    private final LoggerContext context = new LoggerContext();
    private final List<JournaldAppender> appenders = new ArrayList<>();

    @BeforeAll
    static void startJournald() throws IOException {
        Daemon.assumeAvailable(JOURNALD, "apt-get install -y systemd");
        Daemon.assumeAvailable(JOURNALCTL, "apt-get install -y systemd");
        Daemon.assumeTrue(Files.isWritable(Path.of("/run")), "journald needs to write /run/systemd (run as root)");
        daemon = Daemon.start(List.of(JOURNALD.toString(), NAMESPACE), dir, () -> Files.exists(SOCKET));
    }

    @AfterAll
    static void stopJournald() throws IOException {
        if (daemon == null) {
            return;
        }
        daemon.close();
        deleteTree(RUN_DIR);
        // Journal files live in <machine-id>.<namespace>, under /var/log/journal (persistent) or /run/log/journal.
        for (Path parent : List.of(Path.of("/var/log/journal"), Path.of("/run/log/journal"))) {
            if (Files.isDirectory(parent)) {
                try (Stream<Path> children = Files.list(parent)) {
                    for (Path child : children.filter(
                                    c -> c.getFileName().toString().endsWith("." + NAMESPACE))
                            .toList()) {
                        deleteTree(child);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @AfterEach
    void stopAppenders() {
        appenders.forEach(JournaldAppender::stop);
        context.stop();
    }

    private Logger logger(String program, Consumer<JournaldAppender> config) {
        JournaldAppender a = new JournaldAppender();
        a.setContext(context);
        a.setName(program);
        a.setSocketPath(SOCKET.toString());
        a.setProgramName(program);
        config.accept(a);
        a.start();
        assertThat(a.isStarted())
                .as("started; errors: %s", StatusMessages.of(context, Status.ERROR))
                .isTrue();
        appenders.add(a);
        Logger logger = context.getLogger("io.logship.test." + program);
        logger.addAppender(a);
        return logger;
    }

    private static List<JsonNode> entries(String program, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            found.clear();
            found.addAll(journalctl(program));
            assertThat(found)
                    .as("entries of %s; journald output:%n%s", program, daemon.output())
                    .hasSize(count);
        });
        return found;
    }

    private static List<JsonNode> journalctl(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        JOURNALCTL.toString(),
                        "--namespace=" + NAMESPACE,
                        "-o",
                        "json",
                        "--all",
                        "--no-pager",
                        "SYSLOG_IDENTIFIER=" + program)
                .redirectErrorStream(true)
                .start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                entries.add(JSON.readTree(line));
            }
        }
        return entries;
    }

    /** A field's value; journalctl prints values with control characters as an array of bytes (and, without
     * {@code --all}, values over 4096 bytes as null). */
    private static String field(JsonNode entry, String name) {
        JsonNode v = entry.path(name);
        if (!v.isArray()) {
            return v.isMissingNode() ? null : v.asText();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        v.forEach(b -> bytes.write(b.asInt()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesStandardFieldsAndUpperCasedKeyValues() {
        Logger log = logger("shop-fields", a -> {});

        log.atWarn()
                .addKeyValue("user", "jd")
                .addKeyValue("request.id", 7)
                .addKeyValue("message", "shadow")
                .log("hello {}", "journal");

        JsonNode e = entries("shop-fields", 1).get(0);
        assertThat(field(e, "MESSAGE")).isEqualTo("hello journal");
        assertThat(field(e, "PRIORITY")).isEqualTo("4");
        assertThat(field(e, "SYSLOG_IDENTIFIER")).isEqualTo("shop-fields");
        assertThat(field(e, "LOGGER_NAME")).isEqualTo("io.logship.test.shop-fields");
        assertThat(field(e, "LOGGER_LEVEL")).isEqualTo("WARN");
        assertThat(field(e, "THREAD_NAME")).isEqualTo(Thread.currentThread().getName());
        assertThat(field(e, "USER")).isEqualTo("jd");
        assertThat(field(e, "REQUEST_ID")).isEqualTo("7");
        assertThat(field(e, "KV_MESSAGE")).isEqualTo("shadow");
        assertThat(field(e, "_PID"))
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(field(e, "EXCEPTION_TEXT")).isNull();
        assertThat(field(e, "CODE_FILE")).isNull();
    }

    @Test
    void multiLineMessagesAndStackTracesSurviveWhole() {
        Logger log = logger("shop-multi", a -> {});

        log.error("first line\nsecond line \u00e9", new IllegalStateException("boom"));

        JsonNode e = entries("shop-multi", 1).get(0);
        assertThat(field(e, "MESSAGE")).isEqualTo("first line\nsecond line \u00e9");
        assertThat(field(e, "PRIORITY")).isEqualTo("3");
        assertThat(field(e, "EXCEPTION_TEXT"))
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("\tat io.logship.logback.journald.JournaldTest.multiLineMessagesAndStackTracesSurviveWhole");
    }

    @Test
    void callerDataIsAddedWhenAskedFor() {
        Logger log = logger("shop-caller", a -> a.setIncludeCallerData(true));

        log.info("where am I");

        JsonNode e = entries("shop-caller", 1).get(0);
        assertThat(field(e, "CODE_FILE")).isEqualTo("JournaldTest.java");
        assertThat(field(e, "CODE_FUNC"))
                .isEqualTo("io.logship.logback.journald.JournaldTest.callerDataIsAddedWhenAskedFor");
        assertThat(Integer.parseInt(field(e, "CODE_LINE"))).isPositive();
    }

    @Test
    void oversizedEntryIsCutWithAMarkerAndCounted() {
        Logger log = logger("shop-big", a -> a.setMaxEntryBytes(2048));

        log.info("y".repeat(10_000));

        JsonNode e = entries("shop-big", 1).get(0);
        assertThat(field(e, "MESSAGE"))
                .startsWith("yyyy")
                .endsWith(JournaldAppender.TRUNCATION_MARKER)
                .hasSizeBetween(1500, 2048);
        assertThat(appenders.get(0).getTruncatedCount()).isEqualTo(1);
        assertThat(appenders.get(0).getDroppedCount()).isZero();
    }

    @Test
    void journaldOutputNamesEntriesAfterTheProgram() {
        Appender<ILoggingEvent> appender =
                JournaldOutput.journal().socket(SOCKET).level(Level.WARN).createAppender(context, "shop-output");
        Logger log = context.getLogger("shop.Orders");
        log.addAppender(appender);

        log.info("below the threshold");
        log.atError().addKeyValue("order", 42).log("failed");
        appender.stop();

        JsonNode e = entries("shop-output", 1).get(0);
        assertThat(field(e, "MESSAGE")).isEqualTo("failed");
        assertThat(field(e, "ORDER")).isEqualTo("42");
        assertThat(field(e, "LOGGER_NAME")).isEqualTo("shop.Orders");
    }
}
