package io.logship.logback.datadog;

import static ch.qos.logback.core.util.Duration.buildBySeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.logback.testing.TestPki;
import io.logship.logback.testing.TestPki.Issued;
import io.logship.logback.testing.TlsLineServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Datadog output over TLS, against a real TLS server with certificates made in the test. */
@Timeout(60)
class DatadogAppenderTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(stderrBytes, true, StandardCharsets.UTF_8);
    private TestPki pki;
    private Issued ca;

    @BeforeEach
    void makeCa() {
        pki = new TestPki(dir);
        ca = pki.ca("test-ca");
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeLast.add(resource);
        return resource;
    }

    private TestLogging logging(int port) {
        TestLogging logging = new TestLogging(port);
        logging.appender.setTls(true);
        logging.appender.setTlsCaFile(ca.certFile().toString());
        logging.appender.setStderr(stderr, 60_000);
        return logging;
    }

    private List<String> stderrLines() {
        String text = stderrBytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(System.lineSeparator()));
    }

    private static void logSeq(TestLogging logging, int from, int to) {
        for (int i = from; i < to; i++) {
            logging.log.atInfo().setMessage("record").addKeyValue("seq", i).log();
        }
    }

    @Test
    void deliversEveryRecordOverTls() throws Exception {
        TlsLineServer server = closing(TlsLineServer.start(pki.leaf("agent", ca).serverContext(null), false));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 500);

        await().atMost(WAIT)
                .until(() -> DatadogAppenderTcpTest.seqs(server.lines).size() >= 500);
        assertThat(DatadogAppenderTcpTest.seqs(server.lines)).isEqualTo(DatadogAppenderTcpTest.range(0, 500));
        assertThat(server.handshakes.get()).isEqualTo(1);
        assertThat(logging.appender.getStats().getDroppedTotal()).isZero();
        assertThat(logging.errors()).isEmpty();
    }

    @Test
    void losesNothingWhenTheServerClosesTheTlsSessionAfterTheFirstRecord() throws Exception {
        TlsLineServer server = closing(
                TlsLineServer.startClosingAfterFirstLine(pki.leaf("agent", ca).serverContext(null)));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 1);
        assertThat(server.firstClosed.await(20, TimeUnit.SECONDS)).isTrue();
        logSeq(logging, 1, 20);

        await().atMost(WAIT)
                .until(() -> DatadogAppenderTcpTest.seqs(server.lines).size() >= 20);
        assertThat(DatadogAppenderTcpTest.seqs(server.lines)).isEqualTo(DatadogAppenderTcpTest.range(0, 20));
        assertThat(server.handshakes.get()).isGreaterThanOrEqualTo(2);
        assertThat(logging.appender.getStats().getPeerClosed()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUntrustedServerGetsNothingTheRecordsStayQueuedAndStderrSaysWhyOnce() throws Exception {
        Issued otherCa = pki.ca("other-ca");
        TlsLineServer server =
                closing(TlsLineServer.start(pki.leaf("impostor", otherCa).serverContext(null), false));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 20);

        await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 3);
        assertThat(server.lines).isEmpty();
        assertThat(server.handshakes.get()).isZero();
        assertThat(logging.appender.getQueuedRecords()).isEqualTo(20);
        assertThat(logging.appender.getStats().getDroppedTotal()).isZero();
        assertThat(logging.warnings())
                .anyMatch(w -> w.startsWith("Cannot connect to tcp+tls://127.0.0.1:" + server.port())
                        && w.contains("certificate not trusted"));
        assertThat(stderrLines()).hasSize(1);
        assertThat(stderrLines().get(0)).contains("certificate not trusted").doesNotContain("\tat ");
    }

    @Test
    void theRecordsHeldWhileTheServerWasUntrustedAreDeliveredOnceItIsTrusted() throws Exception {
        Issued otherCa = pki.ca("other-ca");
        int port;
        try (TlsLineServer impostor =
                TlsLineServer.start(pki.leaf("impostor", otherCa).serverContext(null), false)) {
            port = impostor.port();
            TestLogging logging = closing(logging(port).start());
            logSeq(logging, 0, 10);
            await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 2);
            impostor.close();
            TlsLineServer agent =
                    closing(TlsLineServer.startOn(port, pki.leaf("agent", ca).serverContext(null)));
            await().atMost(WAIT)
                    .until(() -> DatadogAppenderTcpTest.seqs(agent.lines).size() >= 10);
            assertThat(DatadogAppenderTcpTest.seqs(agent.lines)).isEqualTo(DatadogAppenderTcpTest.range(0, 10));
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        TlsLineServer server = closing(TlsLineServer.start(
                pki.leafFor("elsewhere", ca, "elsewhere.example").serverContext(null), false));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 5);

        await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 2);
        assertThat(server.lines).isEmpty();
        assertThat(logging.appender.getQueuedRecords()).isEqualTo(5);
        assertThat(logging.warnings()).anyMatch(w -> w.contains("host name mismatch"));
    }

    @Test
    void anExpiredServerCertificateIsRefused() throws Exception {
        TlsLineServer server =
                closing(TlsLineServer.start(pki.expiredLeaf("expired", ca).serverContext(null), false));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 1);

        await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 1);
        assertThat(server.lines).isEmpty();
        assertThat(logging.warnings()).anyMatch(w -> w.contains("certificate expired"));
    }

    @Test
    void theJvmsDefaultTrustDoesNotTrustAPrivateCa() throws Exception {
        TlsLineServer server = closing(TlsLineServer.start(pki.leaf("agent", ca).serverContext(null), false));
        TestLogging logging = new TestLogging(server.port());
        logging.appender.setTls(true);
        logging.appender.setStderr(stderr, 60_000);
        closing(logging.start());

        logSeq(logging, 0, 1);

        await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 1);
        assertThat(server.lines).isEmpty();
        assertThat(logging.warnings()).anyMatch(w -> w.contains("certificate not trusted"));
    }

    @Test
    void mutualTlsWithAClientCertificateTheServerTrusts() throws Exception {
        TlsLineServer server = closing(TlsLineServer.start(pki.leaf("agent", ca).serverContext(ca), true));
        Issued client = pki.leaf("checkout-app", ca);
        TestLogging logging = logging(server.port());
        logging.appender.setTlsCertFile(client.certFile().toString());
        logging.appender.setTlsKeyFile(client.keyFile().toString());
        closing(logging.start());

        logSeq(logging, 0, 50);

        await().atMost(WAIT)
                .until(() -> DatadogAppenderTcpTest.seqs(server.lines).size() >= 50);
        assertThat(DatadogAppenderTcpTest.seqs(server.lines)).isEqualTo(DatadogAppenderTcpTest.range(0, 50));
        assertThat(server.peerCertificates).containsOnly("CN=checkout-app");
    }

    @Test
    void withoutAClientCertificateAServerRequiringOneGetsNothingAndTheRecordsStayQueued() throws Exception {
        TlsLineServer server = closing(TlsLineServer.start(pki.leaf("agent", ca).serverContext(ca), true));
        TestLogging logging = closing(logging(server.port()).start());

        logSeq(logging, 0, 5);

        await().atMost(WAIT).until(() -> server.failedHandshakes.get() >= 2);
        assertThat(server.lines).isEmpty();
        assertThat(logging.appender.getQueuedRecords()).isEqualTo(5);
        assertThat(logging.appender.getStats().getDroppedTotal()).isZero();
        assertThat(logging.warnings()).anyMatch(w -> w.contains("client certificate refused by the server"));
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeHoldsTheWriterNotTheApplication() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TestLogging logging = logging(silent.getLocalPort());
            logging.appender.setConnectTimeout(buildBySeconds(30));
            closing(logging.start());
            try (Socket accepted = silent.accept()) { // the writer is now in its handshake, waiting
                logSeq(logging, 0, 100);

                assertThat(logging.appender.getQueuedRecords()).isEqualTo(100);
                assertThat(logging.appender.getStats().getConnectFailures()).isZero();
                assertThat(accepted.getInputStream().read()).isEqualTo(0x16); // a TLS handshake record
            }
        }
    }

    @Test
    void aPlainTextServerIsNamedAsNotSpeakingTls() throws Exception {
        try (ServerSocket plain = new ServerSocket()) {
            plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TestLogging logging = closing(logging(plain.getLocalPort()).start());
            logSeq(logging, 0, 3);
            try (Socket accepted = plain.accept()) {
                accepted.getOutputStream().write("220 hello, plain text here\r\n".getBytes(StandardCharsets.US_ASCII));

                await().atMost(WAIT).until(() -> logging.appender.getStats().getConnectFailures() >= 1);
            }
            assertThat(logging.appender.getQueuedRecords()).isEqualTo(3);
            assertThat(logging.warnings()).anyMatch(w -> w.contains("the server does not speak TLS"));
        }
    }

    @Test
    void tlsOverUdpIsAConfigurationError() {
        TestLogging logging = logging(10518);
        logging.appender.setProtocol(Protocol.UDP);

        logging.appender.start();

        assertThat(logging.appender.isStarted()).isFalse();
        assertThat(logging.errors())
                .contains("tls is for TCP only: protocol is UDP; set protocol to TCP or tls to false");
    }

    @Test
    void aMissingCaFileIsAConfigurationErrorNamingTheSetting() {
        TestLogging logging = logging(10518);
        logging.appender.setTlsCaFile(dir.resolve("nope.pem").toString());

        logging.appender.start();

        assertThat(logging.appender.isStarted()).isFalse();
        assertThat(logging.errors()).singleElement().asString().startsWith("tlsCaFile " + dir.resolve("nope.pem"));
    }

    @Test
    void aClientCertificateWithoutItsKeyIsAConfigurationError() {
        TestLogging logging = logging(10518);
        logging.appender.setTlsCertFile(pki.leaf("app", ca).certFile().toString());

        logging.appender.start();

        assertThat(logging.appender.isStarted()).isFalse();
        assertThat(logging.errors()).anyMatch(e -> e.startsWith("tlsCertFile and tlsKeyFile go together"));
    }
}
