package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import io.logship.agent.TestCertificates.Issued;
import io.logship.agent.cli.ExitReport;
import io.logship.agent.metrics.SourceMeters;
import io.logship.config.LogSource;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.config.Tls;
import io.logship.config.TlsVersion;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.StoredRecord;
import io.logship.logback.datadog.DatadogAppender;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * TLS on a {@code type: tcp} source, end to end into the local intake, with real TLS clients: Python's {@code ssl}
 * module and {@code openssl s_client}. Certificates are issued in the test ({@link TestCertificates}).
 */
class TlsSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SOURCE = "tcp:127.0.0.1:0";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Issued ca;
    private Path caFile;
    private Path certFile;
    private Path keyFile;

    @BeforeEach
    void serverCertificate() {
        ca = TestCertificates.ca("test-ca");
        caFile = dir.resolve("ca.pem");
        certFile = dir.resolve("server.pem");
        keyFile = dir.resolve("server.key");
        TestCertificates.writeCertificates(caFile, ca.certificate());
        TestCertificates.leaf("server", ca).write(certFile, keyFile);
    }

    /** Every line the agent logged: a refused connection must never bring a stack trace. */
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private final Logger agentLog = (Logger) LoggerFactory.getLogger("io.logship");

    @BeforeEach
    void captureLog() {
        log.start();
        agentLog.addAppender(log);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        agentLog.detachAppender(log);
        assertThat(log.list)
                .as("log lines with a stack trace")
                .filteredOn(e -> e.getThrowableProxy() != null)
                .isEmpty();
    }

    @Test
    void pythonTlsClientDeliversAndIsCountedAsAccepted() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_2)));

        ClientResult result = python(agent, "--line", "over tls 1", "--line", "{\"message\":\"over tls 2\"}");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(messages(AgentHarness.awaitRecords(intake, 2))).containsExactly("over tls 1", "over tls 2");
        String scrape = agent.metrics().scrape();
        assertThat(value(scrape, "logship_connections_accepted_total{source=\"" + SOURCE + "\"}"))
                .isEqualTo(1);
        assertThat(value(
                        scrape, "logship_connections_closed_total{reason=\"tls_handshake\",source=\"" + SOURCE + "\"}"))
                .isZero();
    }

    @Test
    void opensslSClientDeliversWithAnRsaKeyInPkcs1Form() throws Exception {
        assumeThat(onPath("openssl"))
                .as("openssl on PATH (.ci/run installs it)")
                .isTrue();
        Issued rsa = TestCertificates.rsaLeaf("server-rsa", ca);
        rsa.write(certFile, keyFile);
        rsa.writePkcs1Key(keyFile);
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_2)));
        InetSocketAddress to = agent.boundAddresses().get(0);

        Process sClient = new ProcessBuilder(
                        "openssl",
                        "s_client",
                        "-quiet",
                        "-no_ign_eof",
                        "-verify_return_error",
                        "-CAfile",
                        caFile.toString(),
                        "-connect",
                        "127.0.0.1:" + to.getPort())
                .redirectInput(lineFile("from s_client"))
                .redirectErrorStream(true)
                .start();

        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("from s_client");
        boolean exited = sClient.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            ProcessHandle.of(sClient.pid()).ifPresent(ProcessHandle::destroy);
            sClient.waitFor();
        }
        String out = new String(sClient.getInputStream().readAllBytes(), UTF_8);
        assertThat(exited).as(out).isTrue();
        assertThat(sClient.exitValue()).isZero();
    }

    @Test
    void plainTextOnTheTlsPortIsClosedAndCountedNothingDelivered() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_2)));
        SourceMeters meters = agent.metrics().source(SOURCE);

        try (Socket plain = connect(agent.boundAddresses().get(0))) {
            plain.getOutputStream().write("plain text line\n".getBytes(UTF_8));
            assertClosedByPeer(plain);
        }
        python(agent, "--line", "after the plain client");

        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("after the plain client");
        assertThat(meters.connectionsClosedPlaintext.count()).isEqualTo(1.0);
        assertThat(meters.connectionsClosedTlsHandshake.count()).isZero();
        assertThat(value(
                        agent.metrics().scrape(),
                        "logship_connections_closed_total{reason=\"plaintext_on_tls\",source=\"" + SOURCE + "\"}"))
                .isEqualTo(1);
    }

    @Test
    void mutualTlsAcceptsAGoodClientCertificateAndRefusesMissingUntrustedAndExpiredOnes() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.of(caFile), TlsVersion.TLS_1_2)));
        SourceMeters meters = agent.metrics().source(SOURCE);
        Path good = client("good", TestCertificates.leaf("good-client", ca));
        Path untrusted =
                client("untrusted", TestCertificates.leaf("untrusted-client", TestCertificates.ca("other-ca")));
        Path expired = client("expired", TestCertificates.expired("expired-client", ca));

        python(agent, "--line", "no certificate");
        await().atMost(WAIT).until(() -> meters.connectionsClosedTlsHandshake.count() == 1.0);
        python(agent, "--cert", untrusted + ".pem", "--key", untrusted + ".key", "--line", "untrusted");
        await().atMost(WAIT).until(() -> meters.connectionsClosedTlsHandshake.count() == 2.0);
        python(agent, "--cert", expired + ".pem", "--key", expired + ".key", "--line", "expired");
        await().atMost(WAIT).until(() -> meters.connectionsClosedTlsHandshake.count() == 3.0);
        ClientResult accepted = python(agent, "--cert", good + ".pem", "--key", good + ".key", "--line", "good");

        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("good");
        assertThat(meters.connectionsClosedTlsHandshake.count()).isEqualTo(3.0);
        assertThat(meters.connectionsAccepted.count()).isEqualTo(4.0);
        assertThat(ExitReport.of(agent).toString()).endsWith("; 3 connections refused (tls_handshake=3)");
        assertThat(log.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(
                        m -> assertThat(m).contains("refused a connection from").contains("TLS handshake failed"));
        assertThat(meters.connectionsClosedPlaintext.count()).isZero();
    }

    @Test
    void aTls11ClientIsRefusedAndCounted() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_2)));
        SourceMeters meters = agent.metrics().source(SOURCE);

        ClientResult old = python(agent, "--version", "TLSv1.1", "--line", "old protocol");
        ClientResult current = python(agent, "--version", "TLSv1.2", "--line", "tls 1.2");

        assertThat(old.exit()).as(old.output()).isEqualTo(3);
        assertThat(current.exit()).as(current.output()).isZero();
        assertThat(meters.connectionsClosedTlsHandshake.count()).isEqualTo(1.0);
        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("tls 1.2");
    }

    @Test
    void minVersionTls13RefusesATls12Client() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_3)));
        SourceMeters meters = agent.metrics().source(SOURCE);

        ClientResult refused = python(agent, "--version", "TLSv1.2", "--line", "tls 1.2");
        ClientResult accepted = python(agent, "--version", "TLSv1.3", "--line", "tls 1.3");

        assertThat(refused.exit()).as(refused.output()).isEqualTo(3);
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(meters.connectionsClosedTlsHandshake.count()).isEqualTo(1.0);
        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("tls 1.3");
    }

    @Test
    void aRotatedCertificateIsServedWithoutRestart() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.empty(), TlsVersion.TLS_1_2)));
        BigInteger first = serial(python(agent));

        Issued next = TestCertificates.leaf("server-next", ca);
        next.write(certFile, keyFile);

        await().atMost(WAIT).until(() -> next.serial().equals(serial(python(agent))));
        assertThat(next.serial()).isNotEqualTo(first);
        python(agent, "--line", "after rotation");
        assertThat(messages(AgentHarness.awaitRecords(intake, 1))).containsExactly("after rotation");
    }

    @Test
    void theExtensionsDatadogOutputDeliversOverMutualTlsWithHostnameVerification() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(intake, source(tls(Optional.of(caFile), TlsVersion.TLS_1_3)));
        Path app = client("app", TestCertificates.leaf("app-client", ca));
        InetSocketAddress to = agent.boundAddresses().get(0);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        DatadogAppender appender = new DatadogAppender();
        appender.setContext(context);
        appender.setHost("127.0.0.1"); // verified against the server certificate's IP address
        appender.setPort(to.getPort());
        appender.setService("tls-app");
        appender.setShutdownHook(false);
        appender.setTls(true);
        appender.setTlsCaFile(caFile.toString());
        appender.setTlsCertFile(app + ".pem");
        appender.setTlsKeyFile(app + ".key");
        appender.start();
        assertThat(appender.isStarted())
                .as("%s", context.getStatusManager().getCopyOfStatusList())
                .isTrue();
        Logger logger = context.getLogger("app");
        logger.addAppender(appender);
        List<StoredRecord> records;
        try {
            for (int i = 0; i < 100; i++) {
                logger.info("from the app over mutual tls {}", i);
            }
            records = AgentHarness.awaitRecords(intake, 100);
        } finally {
            appender.stop();
        }
        assertThat(messages(records))
                .hasSize(100)
                .contains("from the app over mutual tls 0", "from the app over mutual tls 99");
        String scrape = agent.metrics().scrape();
        assertThat(value(
                        scrape, "logship_connections_closed_total{reason=\"tls_handshake\",source=\"" + SOURCE + "\"}"))
                .isZero();
    }

    // --- helpers ---

    private Optional<Tls> tls(Optional<Path> clientCa, TlsVersion minVersion) {
        return Optional.of(new Tls(certFile, keyFile, clientCa, minVersion));
    }

    private static LogSource source(Optional<Tls> tls) {
        return new SocketSource(
                SourceType.TCP,
                "127.0.0.1",
                0,
                Optional.of("tls"),
                Optional.empty(),
                List.of(),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES,
                100,
                Duration.ZERO,
                SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES,
                tls,
                List.of());
    }

    /** A file holding {@code line} and a newline: a process reading it sees the end of its input right after. */
    private File lineFile(String line) throws IOException {
        Path file = dir.resolve("stdin.txt");
        Files.writeString(file, line + "\n");
        return file.toFile();
    }

    private Path client(String name, Issued issued) {
        Path base = dir.resolve(name);
        issued.write(Path.of(base + ".pem"), Path.of(base + ".key"));
        return base;
    }

    record ClientResult(int exit, String output) {}

    private ClientResult python(Agent agent, String... args) throws IOException, InterruptedException {
        InetSocketAddress to = agent.boundAddresses().get(0);
        List<String> command = new ArrayList<>(List.of(
                "python3", script().toString(), "--port", String.valueOf(to.getPort()), "--ca", caFile.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), UTF_8).strip();
        }
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new ClientResult(process.exitValue(), output);
    }

    private static BigInteger serial(ClientResult result) {
        assertThat(result.output()).as("exit %d", result.exit()).startsWith("serial=");
        return new BigInteger(result.output().substring("serial=".length()));
    }

    private static Path script() {
        try {
            return Path.of(TlsSourceTest.class.getResource("/tls_client.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> messages(List<StoredRecord> records) {
        return records.stream().map(StoredRecord::message).toList();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static Socket connect(InetSocketAddress to) throws IOException {
        return new Socket(to.getAddress(), to.getPort());
    }

    /** Blocks until the agent closes the connection (end of stream or a reset), within {@link #WAIT}. */
    private static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // closed by the agent with a reset: closed all the same
        }
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }

    private Agent start(LocalIntake intake, LogSource... sources) throws IOException {
        Agent agent = Agent.start(config(intake.logsUrl(), List.of(sources)).build());
        open.add(agent);
        return agent;
    }

    private LocalIntake intake() throws IOException {
        LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .host("127.0.0.1")
                .port(0)
                .build());
        open.add(intake);
        return intake;
    }
}
