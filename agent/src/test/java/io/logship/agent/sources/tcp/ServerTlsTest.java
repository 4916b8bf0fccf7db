package io.logship.agent.sources.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.agent.TestCertificates;
import io.logship.agent.TestCertificates.Issued;
import io.logship.config.Tls;
import io.logship.config.TlsVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Reloading the TLS files: checks driven by hand (the timer is set to an hour), so every step is deterministic. */
class ServerTlsTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final Issued ca = TestCertificates.ca("ca");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ServerTls.class);
    private Path cert;
    private Path key;

    @BeforeEach
    void files() {
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(log);
    }

    @Test
    void changedFilesAreServedAfterTheNextCheck() throws IOException {
        Issued first = TestCertificates.leaf("first", ca);
        first.write(cert, key);
        try (ServerTls tls = ServerTls.start(tls(), "test", NEVER)) {
            Issued second = TestCertificates.leaf("second", ca);
            second.write(cert, key);

            assertThat(tls.certificate().getSerialNumber()).isEqualTo(first.serial());
            tls.reloadIfChanged();

            assertThat(tls.certificate().getSerialNumber()).isEqualTo(second.serial());
        }
    }

    @Test
    void aBrokenChangeKeepsTheOldCertificateAndWarnsOnceWithoutAStackTrace() throws IOException {
        Issued first = TestCertificates.leaf("first", ca);
        first.write(cert, key);
        try (ServerTls tls = ServerTls.start(tls(), "test", NEVER)) {
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n");

            tls.reloadIfChanged();
            tls.reloadIfChanged();

            assertThat(tls.certificate().getSerialNumber()).isEqualTo(first.serial());
            assertThat(log.list).hasSize(1);
            ILoggingEvent warning = log.list.get(0);
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage())
                    .contains("the previous certificate is kept")
                    .contains("tls.cert_file: " + cert);
            assertThat(warning.getThrowableProxy()).isNull();
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsNotLoaded() throws IOException {
        Issued first = TestCertificates.leaf("first", ca);
        first.write(cert, key);
        try (ServerTls tls = ServerTls.start(tls(), "test", NEVER)) {
            Issued other = TestCertificates.leaf("other", ca);
            TestCertificates.writeCertificates(cert, other.certificate());

            tls.reloadIfChanged();

            assertThat(tls.certificate().getSerialNumber()).isEqualTo(first.serial());
            assertThat(log.list)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .contains("the private key does not belong to the certificate"));
        }
    }

    @Test
    void startFailsWithTheKeyAndTheFileWhenAFileIsMissing() {
        assertThatThrownBy(() -> ServerTls.start(tls(), "test", NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("tls.cert_file: " + cert + ": file not found");
    }

    @Test
    void protocolsFromTheMinimumVersionUpNewestFirst() {
        assertThat(ServerTls.protocols(TlsVersion.TLS_1_2)).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(ServerTls.protocols(TlsVersion.TLS_1_3)).containsExactly("TLSv1.3");
    }

    private Tls tls() {
        return new Tls(cert, key, Optional.empty(), TlsVersion.TLS_1_2);
    }
}
