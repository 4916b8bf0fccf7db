package io.logship.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.syslog.SyslogAppender;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

/** {@code logship.datadog.tls.*} and {@code logship.syslog.*} reach the appenders, and their mistakes are named. */
class LogshipTlsPropertiesTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    LogshipTlsPropertiesTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private void initialize(Map<String, Object> properties) {
        StandardEnvironment environment = LogshipPropertiesTest.environment(properties);
        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(environment), environment);
    }

    private SyslogAppender syslogAppender() {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof SyslogAppender s) {
                return s;
            }
        }
        throw new AssertionError("no syslog appender on the root logger");
    }

    @Test
    void datadogTlsPropertiesReachTheAppender() {
        initialize(Map.of(
                "logship.datadog.enabled", "true",
                "logship.datadog.port", "10599",
                "logship.datadog.tls.enabled", "true"));

        DatadogAppender appender = LogshipOutputs.datadogAppenders(root).get(0);
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.isTls()).isTrue();
        assertThat(appender.getTlsCaFile()).isNull(); // the JVM's default trust
        assertThat(appender.getTlsTrustStoreType()).isEqualTo("PKCS12");
    }

    @Test
    void aMissingDatadogCaFileStopsStartupNamingTheSetting() {
        Path missing = dir.resolve("ca.pem");

        assertThatThrownBy(() -> initialize(Map.of(
                        "logship.datadog.enabled", "true",
                        "logship.datadog.tls.enabled", "true",
                        "logship.datadog.tls.ca-file", missing.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("logship.datadog: ")
                .hasMessageContaining("tlsCaFile " + missing + ": cannot read it");
    }

    @Test
    void syslogOverTlsDefaultsToRfc5425sPort() {
        initialize(Map.of(
                "spring.application.name", "checkout",
                "logship.syslog.enabled", "true",
                "logship.syslog.host", "127.0.0.1",
                "logship.syslog.tls.enabled", "true"));

        SyslogAppender appender = syslogAppender();
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getName()).isEqualTo(LogshipOutputs.SYSLOG);
        assertThat(appender.getTransport()).isEqualTo("TLS");
        assertThat(appender.getPort()).isEqualTo(SyslogAppender.DEFAULT_TLS_PORT);
        assertThat(appender.getProgramName()).isEqualTo("checkout");
    }

    @Test
    void syslogWithoutTlsKeepsTheAppendersDefaults() {
        initialize(Map.of("logship.syslog.enabled", "true", "logship.syslog.facility", "local3"));

        SyslogAppender appender = syslogAppender();
        assertThat(appender.getTransport()).isEqualTo("UDP");
        assertThat(appender.getPort()).isEqualTo(SyslogAppender.DEFAULT_PORT);
        assertThat(appender.getFacility()).isEqualTo("local3");
    }

    @Test
    void syslogTlsOverUdpIsRefused() {
        assertThatThrownBy(() -> initialize(Map.of(
                        "logship.syslog.enabled", "true",
                        "logship.syslog.transport", "udp",
                        "logship.syslog.tls.enabled", "true")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("logship.syslog.tls.enabled is true but transport is udp; TLS runs over TCP (transport"
                        + " tcp or tls)");
    }
}
