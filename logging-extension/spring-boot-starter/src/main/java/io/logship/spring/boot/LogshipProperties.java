package io.logship.spring.boot;

import io.logship.logback.Format;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.syslog.SyslogAppender;
import io.logship.logback.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code logship.*} properties. Read by {@link LogshipLoggingSystem} while Spring initialises logging (through
 * a {@code Binder}, before any bean exists), so they belong in {@code application.properties}/{@code .yml}, the
 * environment or the command line, like {@code logging.*}.
 */
@ConfigurationProperties(prefix = "logship")
public class LogshipProperties {

    /**
     * Console (and log file) format when no logback(-spring).xml is used: text (logship's line, with [key: value]
     * pairs) or json (one JSON object per line). Spring's structured logging (logging.structured.format.console or
     * .file) keeps its own format.
     */
    private Format format = Format.TEXT;

    /**
     * Per-logger levels as entries such as "io.netty=warn"; applied when logging is initialised, before
     * logging.level.* (which wins for the same logger).
     */
    private List<String> levels = new ArrayList<>();

    private final Datadog datadog = new Datadog();

    private final Syslog syslog = new Syslog();

    private final ContextPropagation contextPropagation = new ContextPropagation();

    public Format getFormat() {
        return format;
    }

    public void setFormat(Format format) {
        this.format = format;
    }

    public List<String> getLevels() {
        return levels;
    }

    public void setLevels(List<String> levels) {
        this.levels = levels;
    }

    public Datadog getDatadog() {
        return datadog;
    }

    public Syslog getSyslog() {
        return syslog;
    }

    public ContextPropagation getContextPropagation() {
        return contextPropagation;
    }

    /** The Datadog output: JSON lines over TCP to a logship agent or a Datadog agent. */
    public static class Datadog {

        /** Whether records are also sent to the agent. */
        private boolean enabled;

        /** Agent host; unset: DD_AGENT_HOST, else 127.0.0.1. */
        private String host;

        /** Agent port; unset: LOGSHIP_DATADOG_PORT, else 10518. */
        private Integer port;

        /** The service field; unset: spring.application.name, else DD_SERVICE. */
        private String service;

        /** The env: tag; unset: DD_ENV. */
        private String env;

        /** The version: tag; unset: DD_VERSION. */
        private String version;

        /** More tags, such as "team:payments,tier:web"; unset: DD_TAGS. */
        private String tags;

        /** Most records queued while the agent is slow or away; beyond it records are dropped and counted. */
        private int queueSize = DatadogAppender.DEFAULT_QUEUE_SIZE;

        /**
         * How long stopping (after Spring's graceful shutdown) may spend delivering queued records; what is left is
         * counted and reported on stderr.
         */
        private Duration shutdownTimeout = Duration.ofMillis(DatadogAppender.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);

        private final Tls tls = new Tls();

        public Tls getTls() {
            return tls;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }

        public String getEnv() {
            return env;
        }

        public void setEnv(String env) {
            this.env = env;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public String getTags() {
            return tags;
        }

        public void setTags(String tags) {
            this.tags = tags;
        }

        public int getQueueSize() {
            return queueSize;
        }

        public void setQueueSize(int queueSize) {
            this.queueSize = queueSize;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** The syslog output: RFC 5424 messages to a syslog daemon. */
    public static class Syslog {

        /** Whether records are also sent to a syslog daemon. */
        private boolean enabled;

        /**
         * udp, tcp, tls, unix-stream or unix-datagram; unset: udp, or tls (RFC 5425, port 6514 by default) when
         * logship.syslog.tls.enabled is true.
         */
        private String transport;

        /** Daemon host for udp, tcp and tls. */
        private String host = SyslogAppender.DEFAULT_HOST;

        /** Daemon port; unset: 514, or 6514 over TLS. */
        private Integer port;

        /** Socket file for the unix transports, such as /dev/log. */
        private String socketPath;

        /** Facility name, such as local0. */
        private String facility = SyslogAppender.DEFAULT_FACILITY;

        private final Tls tls = new Tls();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTransport() {
            return transport;
        }

        public void setTransport(String transport) {
            this.transport = transport;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public String getSocketPath() {
            return socketPath;
        }

        public void setSocketPath(String socketPath) {
            this.socketPath = socketPath;
        }

        public String getFacility() {
            return facility;
        }

        public void setFacility(String facility) {
            this.facility = facility;
        }

        public Tls getTls() {
            return tls;
        }
    }

    /** TLS of an output: trust (default: the JVM's) and, for mutual TLS, a client certificate. */
    public static class Tls {

        /** Whether the output connects over TLS (TCP only); the server's certificate must name the host. */
        private boolean enabled;

        /** PEM file of the CA certificates trusted for the server's certificate; unset: the JVM's default trust. */
        private String caFile;

        /** Key store file of trusted certificates, instead of ca-file. */
        private String trustStore;

        /** Password of trust-store, if it has one. */
        private String trustStorePassword;

        /** Type of trust-store: PKCS12 or JKS. */
        private String trustStoreType = TlsOptions.DEFAULT_TRUST_STORE_TYPE;

        /** Mutual TLS: PEM file of this application's certificate chain; needs key-file. */
        private String certFile;

        /** Mutual TLS: PEM file of this application's private key (PKCS#8 or PKCS#1, unencrypted). */
        private String keyFile;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getCaFile() {
            return caFile;
        }

        public void setCaFile(String caFile) {
            this.caFile = caFile;
        }

        public String getTrustStore() {
            return trustStore;
        }

        public void setTrustStore(String trustStore) {
            this.trustStore = trustStore;
        }

        public String getTrustStorePassword() {
            return trustStorePassword;
        }

        public void setTrustStorePassword(String trustStorePassword) {
            this.trustStorePassword = trustStorePassword;
        }

        public String getTrustStoreType() {
            return trustStoreType;
        }

        public void setTrustStoreType(String trustStoreType) {
            this.trustStoreType = trustStoreType;
        }

        public String getCertFile() {
            return certFile;
        }

        public void setCertFile(String certFile) {
            this.certFile = certFile;
        }

        public String getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(String keyFile) {
            this.keyFile = keyFile;
        }
    }

    /** Carrying LogContext across threads. */
    public static class ContextPropagation {

        /**
         * Whether the starter defines a ContextPropagatingTaskDecorator (unless the application has a TaskDecorator),
         * so that @Async methods and Spring's task executors, virtual threads included, run with the caller's
         * LogContext.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
