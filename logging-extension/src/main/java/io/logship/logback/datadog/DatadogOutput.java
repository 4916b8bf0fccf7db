package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.Output;
import io.logship.logback.OutputStarter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Datadog output for {@code Logship.setup(...)}: an immutable value whose methods return changed copies, and
 * which builds a started {@link DatadogAppender}.
 *
 * <pre>{@code
 * DatadogOutput.create()                                   // 127.0.0.1:10518 over TCP, or DD_AGENT_HOST / LOGSHIP_DATADOG_PORT
 *     .service("checkout").tags("team:payments")
 *     .whenFull(WhenQueueFull.BLOCK_WITH_TIMEOUT, Duration.buildByMilliseconds(50))
 *     .tls("/etc/logship/ca.pem")                           // TLS, trusting this CA; .tls(true): the JVM's CAs
 * }</pre>
 *
 * <p>Every option left unset keeps the appender's default (see {@link DatadogAppender}); the environment variables
 * are read when the appender starts.
 */
public final class DatadogOutput implements Output {

    private final List<Consumer<DatadogAppender>> settings;
    private final Level threshold;

    private DatadogOutput(List<Consumer<DatadogAppender>> settings, Level threshold) {
        this.settings = List.copyOf(settings);
        this.threshold = threshold;
    }

    /** The output with every option at its default. */
    public static DatadogOutput create() {
        return new DatadogOutput(List.of(), null);
    }

    private DatadogOutput with(Consumer<DatadogAppender> setting) {
        List<Consumer<DatadogAppender>> next = new ArrayList<>(settings);
        next.add(setting);
        return new DatadogOutput(next, threshold);
    }

    /** Agent host and port. */
    public DatadogOutput agent(String host, int port) {
        return with(a -> {
            a.setHost(host);
            a.setPort(port);
        });
    }

    /** TCP (default) or UDP (one datagram per record). */
    public DatadogOutput protocol(Protocol protocol) {
        return with(a -> a.setProtocol(protocol));
    }

    /**
     * TLS to the agent (TCP only), trusting the JVM's default CAs; host name verification is on. For a private CA
     * or mutual TLS see {@link #tls(String)} and {@link #tlsClientCertificate}.
     */
    public DatadogOutput tls(boolean tls) {
        return with(a -> a.setTls(tls));
    }

    /** TLS to the agent, trusting the CA certificates in the PEM file {@code caFile}. */
    public DatadogOutput tls(String caFile) {
        return with(a -> {
            a.setTls(true);
            a.setTlsCaFile(caFile);
        });
    }

    /** TLS to the agent, trusting the certificates in a key store file (PKCS12 or JKS). */
    public DatadogOutput tlsTrustStore(String file, String password, String type) {
        return with(a -> {
            a.setTls(true);
            a.setTlsTrustStore(file);
            a.setTlsTrustStorePassword(password);
            a.setTlsTrustStoreType(type);
        });
    }

    /** Mutual TLS: this client's certificate chain and private key, both PEM files. */
    public DatadogOutput tlsClientCertificate(String certFile, String keyFile) {
        return with(a -> {
            a.setTls(true);
            a.setTlsCertFile(certFile);
            a.setTlsKeyFile(keyFile);
        });
    }

    /** The {@code service} field. */
    public DatadogOutput service(String service) {
        return with(a -> a.setService(service));
    }

    /** The {@code ddsource} field. */
    public DatadogOutput source(String source) {
        return with(a -> a.setSource(source));
    }

    /** Tags ({@code team:a,tier:web}), sent in {@code ddtags}. */
    public DatadogOutput tags(String tags) {
        return with(a -> a.setTags(tags));
    }

    /** The {@code env:} and {@code version:} tags. */
    public DatadogOutput envAndVersion(String env, String version) {
        return with(a -> {
            a.setEnv(env);
            a.setVersion(version);
        });
    }

    /** The {@code host} field. */
    public DatadogOutput hostname(String hostname) {
        return with(a -> a.setHostname(hostname));
    }

    /** Queue bounds: records and estimated bytes. */
    public DatadogOutput queue(int records, FileSize maxBytes) {
        return with(a -> {
            a.setQueueSize(records);
            a.setQueueMaxBytes(maxBytes);
        });
    }

    /** What a full queue does; {@code blockTimeout} matters only for {@link WhenQueueFull#BLOCK_WITH_TIMEOUT}. */
    public DatadogOutput whenFull(WhenQueueFull whenFull, Duration blockTimeout) {
        return with(a -> {
            a.setWhenFull(whenFull);
            a.setBlockTimeout(blockTimeout);
        });
    }

    /** How long stopping may spend delivering queued records. */
    public DatadogOutput shutdownTimeout(Duration timeout) {
        return with(a -> a.setShutdownTimeout(timeout));
    }

    /** Any other appender option, for example {@code a -> a.setReconnectDelayMax(...)}. */
    public DatadogOutput configure(Consumer<DatadogAppender> setting) {
        return with(setting);
    }

    /** The same output, taking only records at {@code threshold} or above ({@code null}: all records). */
    public DatadogOutput level(Level threshold) {
        return new DatadogOutput(settings, threshold);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        DatadogAppender appender = new DatadogAppender();
        appender.setContext(context);
        appender.setName("datadog");
        settings.forEach(s -> s.accept(appender));
        return OutputStarter.start(appender, threshold, context, "Datadog output");
    }

    @Override
    public String toString() {
        return "DatadogOutput{" + settings.size() + " options set" + (threshold == null ? "" : ", level " + threshold)
                + '}';
    }
}
