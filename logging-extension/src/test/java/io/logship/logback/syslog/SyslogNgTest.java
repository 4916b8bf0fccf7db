package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SyslogAppender} against a real syslog-ng, started by this test in the foreground from a temp dir, with
 * one source per transport; syslog-ng writes what it parsed as JSON lines, which the tests read back.
 */
@Timeout(60)
class SyslogNgTest {
    private static final Path SYSLOG_NG = Path.of("/usr/sbin/syslog-ng");
    private static final Duration DELIVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Daemon daemon;
    private static int port;
    private static int tlsPort;
    private static TestPki.Issued ca;
    private static Path out;
    private static Path streamSocket;
    private static Path datagramSocket;

    private final LoggerContext context = new LoggerContext();
    private final List<SyslogAppender> appenders = new ArrayList<>();

    @BeforeAll
    static void startSyslogNg() throws IOException {
        Daemon.assumeAvailable(SYSLOG_NG, "apt-get install -y syslog-ng-core");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // the same number serves the UDP and the TCP source
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = probe.getLocalPort();
        }
        TestPki pki = new TestPki(dir);
        ca = pki.ca("syslog-ca");
        TestPki.Issued server = pki.leaf("syslog-ng", ca);
        out = dir.resolve("out.jsonl");
        streamSocket = dir.resolve("stream.sock");
        datagramSocket = dir.resolve("dgram.sock");
        Path conf = dir.resolve("syslog-ng.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "@version: 3.38",
                        "options { keep-hostname(yes); use-dns(no); dns-cache(no); stats-freq(0); };",
                        "source s_udp { network(ip(\"127.0.0.1\") port(" + port
                                + ") transport(\"udp\") flags(syslog-protocol)); };",
                        "source s_tcp { syslog(ip(\"127.0.0.1\") port(" + port + ") transport(\"tcp\")); };",
                        "source s_tls { syslog(ip(\"127.0.0.1\") port(" + tlsPort
                                + ") transport(\"tls\") tls(key-file(\""
                                + server.keyFile() + "\") cert-file(\"" + server.certFile()
                                + "\") peer-verify(optional-untrusted))); };",
                        "source s_unix_stream { unix-stream(\"" + streamSocket + "\" flags(syslog-protocol)); };",
                        "source s_unix_dgram { unix-dgram(\"" + datagramSocket + "\" flags(syslog-protocol)); };",
                        "destination d_file { file(\"" + out + "\" template(\"$(format-json src=${SOURCE} pri=${PRI}"
                                + " facility=${FACILITY} severity=${LEVEL_NUM} host=${HOST} program=${PROGRAM} pid=${PID}"
                                + " msgid=${MSGID} msg=${MSG} --scope sdata)\\n\")); };",
                        "log { source(s_udp); source(s_tcp); source(s_tls); source(s_unix_stream); source(s_unix_dgram); destination(d_file); };",
                        ""));
        daemon = Daemon.start(
                List.of(
                        SYSLOG_NG.toString(),
                        "-F",
                        "-f",
                        conf.toString(),
                        "-R",
                        dir.resolve("persist").toString(),
                        "-p",
                        dir.resolve("pid").toString(),
                        "-c",
                        dir.resolve("ctl").toString(),
                        "--no-caps"),
                dir,
                SyslogNgTest::listening);
    }

    private static boolean listening() {
        if (!Files.exists(streamSocket) || !Files.exists(datagramSocket)) {
            return false;
        }
        try (Socket s = new Socket();
                Socket t = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            t.connect(new InetSocketAddress("127.0.0.1", tlsPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopSyslogNg() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @AfterEach
    void stopAppenders() {
        appenders.forEach(SyslogAppender::stop);
        context.stop();
    }

    private Logger logger(String transport, String program, Consumer<SyslogAppender> config) {
        SyslogAppender a = new SyslogAppender();
        a.setContext(context);
        a.setName(program);
        a.setTransport(transport);
        a.setPort(port);
        a.setProgramName(program);
        a.setHostname("web-1");
        config.accept(a);
        a.start();
        assertThat(a.isStarted())
                .as("started; errors: %s", StatusMessages.of(context, Status.ERROR))
                .isTrue();
        appenders.add(a);
        Logger logger = context.getLogger(program);
        logger.setAdditive(false);
        logger.addAppender(a);
        return logger;
    }

    private static List<JsonNode> records(String program, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            found.clear();
            found.addAll(read(program));
            assertThat(found)
                    .as("records of %s; daemon output:%n%s", program, daemon.output())
                    .hasSize(count);
        });
        return found;
    }

    private static List<JsonNode> read(String program) {
        List<JsonNode> found = new ArrayList<>();
        try {
            if (!Files.exists(out)) {
                return found;
            }
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                JsonNode n = JSON.readTree(line);
                if (program.equals(n.path("program").asText())) {
                    found.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void udpMessageKeepsHeaderFieldsAndStructuredData() {
        Logger log = logger("udp", "shop-udp", a -> {
            a.setFacility("LOCAL3");
            a.setMsgId("ORDER");
        });

        log.atWarn()
                .addKeyValue("user", "jd")
                .addKeyValue("tricky", "a\"b]c\\d")
                .log("hello {}", "udp");

        JsonNode r = records("shop-udp", 1).get(0);
        assertThat(r.path("src").asText()).isEqualTo("s_udp");
        assertThat(r.path("pri").asInt()).isEqualTo(19 * 8 + 4);
        assertThat(r.path("facility").asText()).isEqualTo("local3");
        assertThat(r.path("severity").asInt()).isEqualTo(4);
        assertThat(r.path("host").asText()).isEqualTo("web-1");
        assertThat(r.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(r.path("msgid").asText()).isEqualTo("ORDER");
        assertThat(r.path("msg").asText()).isEqualTo("hello udp");
        JsonNode sd = r.path("_SDATA").path("logship@32473");
        assertThat(sd.path("user").asText()).isEqualTo("jd");
        assertThat(sd.path("tricky").asText()).isEqualTo("a\"b]c\\d");
    }

    @Test
    void tcpOctetCountingKeepsMultiLineUnicodeMessagesWhole() {
        Logger log = logger("tcp", "shop-tcp", a -> a.setFacility("local0"));

        log.error("caf\u00e9 \u65e5\u672c\nsecond line");
        log.info("plain");

        List<JsonNode> rs = records("shop-tcp", 2);
        assertThat(rs).extracting(r -> r.path("src").asText()).containsOnly("s_tcp");
        assertThat(rs.get(0).path("msg").asText()).isEqualTo("caf\u00e9 \u65e5\u672c\nsecond line");
        assertThat(rs.get(0).path("pri").asInt()).isEqualTo(16 * 8 + 3);
        assertThat(rs.get(1).path("msg").asText()).isEqualTo("plain");
        assertThat(rs.get(1).path("severity").asInt()).isEqualTo(6);
    }

    @Test
    void tlsDeliversOctetCountedMessagesPerRfc5425() {
        Logger log = logger("tls", "shop-tls", a -> {
            a.setPort(tlsPort);
            a.setTlsCaFile(ca.certFile().toString());
        });

        log.atWarn().addKeyValue("user", "jd").log("over TLS\nsecond line");
        log.info("plain");

        List<JsonNode> rs = records("shop-tls", 2);
        assertThat(rs).extracting(r -> r.path("src").asText()).containsOnly("s_tls");
        assertThat(rs.get(0).path("msg").asText()).isEqualTo("over TLS\nsecond line");
        assertThat(rs.get(0).path("_SDATA").path("logship@32473").path("user").asText())
                .isEqualTo("jd");
        assertThat(rs.get(1).path("msg").asText()).isEqualTo("plain");
        assertThat(appenders.get(0).getDroppedCount()).isZero();
    }

    @Test
    void unixStreamUsesNewlineFramingAndKeyValuesCanGoInTheText() {
        Logger log = logger("unix-stream", "shop-stream", a -> {
            a.setSocketPath(streamSocket.toString());
            a.setKeyValuesInText(true);
        });

        log.atInfo().addKeyValue("order", 42).log("two\nlines");

        JsonNode r = records("shop-stream", 1).get(0);
        assertThat(r.path("src").asText()).isEqualTo("s_unix_stream");
        assertThat(r.path("msg").asText()).isEqualTo("two lines [order: 42]");
        assertThat(r.path("facility").asText()).isEqualTo("user");
        assertThat(r.path("_SDATA").path("logship@32473").path("order").asText())
                .isEqualTo("42");
    }

    @Test
    void unixDatagramReachesADevLogStyleSocket() {
        Logger log = logger("unix-datagram", "shop-dgram", a -> a.setSocketPath(datagramSocket.toString()));

        log.debug("not enabled at DEBUG? root is DEBUG by default");
        log.info("via /dev/log style socket");

        List<JsonNode> rs = records("shop-dgram", 2);
        assertThat(rs).extracting(r -> r.path("src").asText()).containsOnly("s_unix_dgram");
        assertThat(rs.get(0).path("severity").asInt()).isEqualTo(7);
        assertThat(rs.get(1).path("msg").asText()).isEqualTo("via /dev/log style socket");
    }

    @Test
    void udpTruncatesOverlongMessagesAndCountsThem() {
        Logger log = logger("udp", "shop-big", a -> a.setMaxMessageBytes(600));

        log.info("x".repeat(5000));

        JsonNode r = records("shop-big", 1).get(0);
        assertThat(r.path("msg").asText()).matches("x{400,600}");
        SyslogAppender a = appenders.get(0);
        assertThat(a.getTruncatedCount()).isEqualTo(1);
        assertThat(StatusMessages.of(context, Status.WARN))
                .singleElement()
                .asString()
                .startsWith("syslog messages truncated: 1 so far");
    }

    @Test
    void syslogOutputSendsDaiquiriTextAndStructuredData() {
        SyslogOutput output = SyslogOutput.tcp("127.0.0.1", port).facility("LOG_LOCAL1");
        Appender<ILoggingEvent> appender = output.createAppender(context, "shop-output");
        Logger log = context.getLogger("shop.Orders");
        log.setAdditive(false);
        log.addAppender(appender);

        log.atInfo().addKeyValue("user", "jd").log("paid");
        appender.stop();

        JsonNode r = records("shop-output", 1).get(0);
        assertThat(r.path("msg").asText()).isEqualTo("INFO     shop.Orders [user: jd]: paid");
        assertThat(r.path("facility").asText()).isEqualTo("local1");
        assertThat(r.path("_SDATA").path("logship@32473").path("user").asText()).isEqualTo("jd");
    }

    @Test
    void concurrentWritersNeverInterleaveFramesOnOneConnection() throws InterruptedException {
        Logger log = logger("tcp", "shop-threads", a -> {});
        int threads = 4;
        int perThread = 100;
        List<Thread> writers = new ArrayList<>();

        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.info("writer {} record {} {}", id, i, "z".repeat(200));
                }
            });
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join(DELIVERY.toMillis());
        }

        List<JsonNode> rs = records("shop-threads", threads * perThread);
        assertThat(rs).allSatisfy(r -> assertThat(r.path("msg").asText()).matches("writer \\d record \\d+ z{200}"));
        assertThat(rs).extracting(r -> r.path("msg").asText()).doesNotHaveDuplicates();
        assertThat(appenders.get(0).getDroppedCount()).isZero();
    }
}
