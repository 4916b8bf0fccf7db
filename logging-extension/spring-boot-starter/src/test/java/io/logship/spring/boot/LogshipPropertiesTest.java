package io.logship.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.Format;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.syslog.SyslogAppender;
import io.logship.logback.tls.TlsOptions;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogshipPropertiesTest {

    static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return environment;
    }

    @Test
    void bindsEveryKeyFromTheEnvironment() {
        LogshipProperties p = LogshipLoggingSystem.properties(environment(Map.of(
                "logship.format", "json",
                "logship.levels", "io.netty=warn,com.acme=debug",
                "logship.datadog.enabled", "true",
                "logship.datadog.port", "1234",
                "logship.datadog.shutdown-timeout", "2s",
                "logship.context-propagation.enabled", "false")));

        assertThat(p.getFormat()).isEqualTo(Format.JSON);
        assertThat(p.getLevels()).containsExactly("io.netty=warn", "com.acme=debug");
        assertThat(p.getDatadog().isEnabled()).isTrue();
        assertThat(p.getDatadog().getPort()).isEqualTo(1234);
        assertThat(p.getDatadog().getShutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.getContextPropagation().isEnabled()).isFalse();
    }

    @Test
    void defaultsAreTheAppendersDefaults() {
        LogshipProperties p = LogshipLoggingSystem.properties(environment(Map.of()));

        assertThat(p.getFormat()).isEqualTo(Format.TEXT);
        assertThat(p.getDatadog().isEnabled()).isFalse();
        assertThat(p.getDatadog().getQueueSize()).isEqualTo(DatadogAppender.DEFAULT_QUEUE_SIZE);
        assertThat(p.getDatadog().getShutdownTimeout().toMillis())
                .isEqualTo(DatadogAppender.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
    }

    @Test
    void configurationMetadataDocumentsEveryKeyWithTheDefaultsInForce() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));

        assertThat(byName)
                .containsKeys(
                        "logship.format",
                        "logship.levels",
                        "logship.datadog.enabled",
                        "logship.datadog.host",
                        "logship.datadog.port",
                        "logship.datadog.service",
                        "logship.datadog.env",
                        "logship.datadog.version",
                        "logship.datadog.tags",
                        "logship.datadog.queue-size",
                        "logship.datadog.shutdown-timeout",
                        "logship.datadog.tls.enabled",
                        "logship.datadog.tls.ca-file",
                        "logship.datadog.tls.trust-store",
                        "logship.datadog.tls.trust-store-password",
                        "logship.datadog.tls.trust-store-type",
                        "logship.datadog.tls.cert-file",
                        "logship.datadog.tls.key-file",
                        "logship.syslog.enabled",
                        "logship.syslog.transport",
                        "logship.syslog.host",
                        "logship.syslog.port",
                        "logship.syslog.socket-path",
                        "logship.syslog.facility",
                        "logship.syslog.tls.enabled",
                        "logship.syslog.tls.ca-file",
                        "logship.syslog.tls.cert-file",
                        "logship.syslog.tls.key-file",
                        "logship.context-propagation.enabled");
        assertThat(byName.values())
                .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
        assertThat(byName.get("logship.datadog.queue-size").get("defaultValue").asInt())
                .isEqualTo(DatadogAppender.DEFAULT_QUEUE_SIZE);
        assertThat(byName.get("logship.datadog.shutdown-timeout")
                        .get("defaultValue")
                        .asText())
                .isEqualTo(DatadogAppender.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS / 1000 + "s");
        assertThat(byName.get("logship.format").get("defaultValue").asText()).isEqualTo("text");
        assertThat(byName.get("logship.datadog.tls.trust-store-type")
                        .get("defaultValue")
                        .asText())
                .isEqualTo(TlsOptions.DEFAULT_TRUST_STORE_TYPE);
        assertThat(byName.get("logship.syslog.host").get("defaultValue").asText())
                .isEqualTo(SyslogAppender.DEFAULT_HOST);
        assertThat(byName.get("logship.syslog.facility").get("defaultValue").asText())
                .isEqualTo(SyslogAppender.DEFAULT_FACILITY);
    }
}
