package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import io.logship.logback.testing.TestPki;
import io.logship.logback.testing.TestPki.Issued;
import io.logship.logback.testing.TlsLineServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syslog over TLS (RFC 5425) against an in-test TLS server that parses octet-counted frames: the refusals and the
 * configuration errors, which a syslog-ng source cannot show as precisely ({@link SyslogNgTest} has the delivery to
 * a real daemon).
 */
@Timeout(60)
class SyslogAppenderTlsTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private TestPki pki;
    private Issued ca;
    private TlsLineServer server;
    private SyslogAppender appender;

    @BeforeEach
    void makeCa() {
        pki = new TestPki(dir);
        ca = pki.ca("syslog-ca");
    }

    @AfterEach
    void stop() throws Exception {
        if (appender != null) {
            appender.stop();
        }
        if (server != null) {
            server.close();
        }
        context.stop();
    }

    private SyslogAppender appender(int port, Consumer<SyslogAppender> config) {
        SyslogAppender a = new SyslogAppender();
        a.setContext(context);
        a.setName("SYSLOG");
        a.setTransport("tls");
        a.setHost("127.0.0.1");
        a.setPort(port);
        a.setProgramName("shop");
        a.setHostname("web-1");
        a.setTlsCaFile(ca.certFile().toString());
        a.setReconnectDelay(Duration.buildByMilliseconds(10));
        config.accept(a);
        return a;
    }

    private Logger started(SyslogAppender a) {
        a.start();
        assertThat(a.isStarted())
                .as("started; errors: %s", StatusMessages.of(context, Status.ERROR))
                .isTrue();
        appender = a;
        Logger log = context.getLogger("shop");
        log.setAdditive(false);
        log.addAppender(a);
        return log;
    }

    @Test
    void deliversOneOctetCountedFramePerRecord() throws Exception {
        server = TlsLineServer.startOctetCounted(pki.leaf("daemon", ca).serverContext(null), false);
        Logger log = started(appender(server.port(), a -> {}));

        log.info("first\nwith a second line");
        log.warn("second");

        await().atMost(20, TimeUnit.SECONDS).until(() -> server.lines.size() >= 2);
        assertThat(server.lines.get(0)).startsWith("<14>1 ").endsWith(" first\nwith a second line");
        assertThat(server.lines.get(1))
                .startsWith("<12>1 ")
                .contains(" web-1 shop ")
                .endsWith(" second");
        assertThat(appender.getDroppedCount()).isZero();
    }

    @Test
    void anUntrustedDaemonGetsNothingAndEachLostRecordIsCountedWithTheReason() throws Exception {
        server = TlsLineServer.startOctetCounted(
                pki.leaf("impostor", pki.ca("other-ca")).serverContext(null), false);
        Logger log = started(appender(server.port(), a -> {}));

        log.info("one");
        log.info("two");

        assertThat(server.lines).isEmpty();
        assertThat(appender.getDroppedCount()).isEqualTo(2);
        assertThat(StatusMessages.of(context, Status.WARN))
                .singleElement()
                .asString()
                .startsWith("syslog messages dropped: 1 so far")
                .contains("certificate not trusted");
    }

    @Test
    void mutualTlsWithAClientCertificate() throws Exception {
        server = TlsLineServer.startOctetCounted(pki.leaf("daemon", ca).serverContext(ca), true);
        Issued client = pki.leaf("shop", ca);
        Logger log = started(appender(server.port(), a -> {
            a.setTlsCertFile(client.certFile().toString());
            a.setTlsKeyFile(client.keyFile().toString());
        }));

        log.info("signed");

        await().atMost(20, TimeUnit.SECONDS).until(() -> server.lines.size() >= 1);
        assertThat(server.lines.get(0)).endsWith(" signed");
        assertThat(server.peerCertificates).containsExactly("CN=shop");
    }

    @Test
    void transportTlsDefaultsToPort6514() {
        SyslogAppender a = new SyslogAppender();

        assertThat(a.portFor(SyslogTransport.TLS)).isEqualTo(6514);
        assertThat(a.portFor(SyslogTransport.TCP)).isEqualTo(514);
        a.setPort(7000);
        assertThat(a.portFor(SyslogTransport.TLS)).isEqualTo(7000);
    }

    @Test
    void trustSettingsWithoutTransportTlsAreAnError() {
        SyslogAppender a = appender(601, x -> x.setTransport("tcp"));

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .contains("tlsCaFile, tlsTrustStore, tlsCertFile or tlsKeyFile is set but transport is tcp; set"
                        + " transport to tls (or remove them)");
    }

    @Test
    void newlineFramingIsRefusedOverTls() {
        SyslogAppender a = appender(6514, x -> x.setFraming("non-transparent"));

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .contains("framing: transport tls uses octet-counting (RFC 5425), not non-transparent");
    }

    @Test
    void anUnreadableKeyFileIsAnErrorNamingTheSetting() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("bad.key"), "hello");
        Issued client = pki.leaf("shop", ca);
        SyslogAppender a = appender(6514, x -> {
            x.setTlsCertFile(client.certFile().toString());
            x.setTlsKeyFile(notAKey.toString());
        });

        a.start();

        assertThat(a.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .anyMatch(e -> e.startsWith("tlsKeyFile " + notAKey + ": no PEM private key in it"));
    }
}
