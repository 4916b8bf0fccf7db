package io.logship.logback.syslog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.logship.logback.Output;
import io.logship.logback.OutputStarter;
import io.logship.logback.encoder.TextLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * daiquiri's {@code Syslog} output for {@code Logship.setup}: a {@link SyslogAppender} whose text is daiquiri's
 * line without time and pid (the daemon stamps those): {@code INFO     shop.Orders [user: jd]: paid}, and whose
 * key/values are also RFC 5424 structured data. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * SyslogOutput.devLog()                                   // /dev/log, facility user
 * SyslogOutput.udp("127.0.0.1", 514).facility("local0")
 * SyslogOutput.tcp("logs.internal", 601).level(Level.WARN)
 * SyslogOutput.tls("logs.internal", 6514).tlsCaFile("/etc/ssl/logs-ca.pem")   // RFC 5425
 * }</pre>
 *
 * <p>{@link #createAppender} throws {@link IllegalStateException} with the appender's errors when a setting is
 * wrong (e.g. an unknown facility) or, for {@code /dev/log}, when netty's native transport is missing.
 */
public final class SyslogOutput implements Output {
    /** The conventional local syslog socket. */
    public static final String DEV_LOG = "/dev/log";

    private final SyslogTransport transport;
    private final String host;
    private final int port;
    private final String socketPath;
    private final String facility;
    private final Level threshold;
    private final List<Consumer<SyslogAppender>> settings;

    private SyslogOutput(
            SyslogTransport transport, String host, int port, String socketPath, String facility, Level threshold) {
        this(transport, host, port, socketPath, facility, threshold, List.of());
    }

    private SyslogOutput(
            SyslogTransport transport,
            String host,
            int port,
            String socketPath,
            String facility,
            Level threshold,
            List<Consumer<SyslogAppender>> settings) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
        this.facility = Objects.requireNonNull(facility, "facility");
        this.threshold = threshold;
        this.settings = List.copyOf(settings);
    }

    /** The local daemon's {@code /dev/log} unix datagram socket. */
    public static SyslogOutput devLog() {
        return unixDatagram(Path.of(DEV_LOG));
    }

    /** One UDP datagram per record to {@code host:port}. */
    public static SyslogOutput udp(String host, int port) {
        return new SyslogOutput(SyslogTransport.UDP, host, port, null, SyslogAppender.DEFAULT_FACILITY, null);
    }

    /** Octet-counted frames over TCP to {@code host:port}. */
    public static SyslogOutput tcp(String host, int port) {
        return new SyslogOutput(SyslogTransport.TCP, host, port, null, SyslogAppender.DEFAULT_FACILITY, null);
    }

    /**
     * Octet-counted frames over TLS to {@code host:port} (RFC 5425; the registered port is {@value
     * SyslogAppender#DEFAULT_TLS_PORT}), trusting the JVM's default CAs unless {@link #tlsCaFile} says otherwise.
     */
    public static SyslogOutput tls(String host, int port) {
        return new SyslogOutput(SyslogTransport.TLS, host, port, null, SyslogAppender.DEFAULT_FACILITY, null);
    }

    /** Newline-terminated frames over a unix stream socket. */
    public static SyslogOutput unixStream(Path socket) {
        return new SyslogOutput(
                SyslogTransport.UNIX_STREAM, null, 0, socket.toString(), SyslogAppender.DEFAULT_FACILITY, null);
    }

    /** One datagram per record to a unix datagram socket. */
    public static SyslogOutput unixDatagram(Path socket) {
        return new SyslogOutput(
                SyslogTransport.UNIX_DATAGRAM, null, 0, socket.toString(), SyslogAppender.DEFAULT_FACILITY, null);
    }

    /** The same output with facility {@code name} ({@link Facility#fromName}); checked when the appender starts. */
    public SyslogOutput facility(String name) {
        return new SyslogOutput(transport, host, port, socketPath, name, threshold, settings);
    }

    /** The same output, taking only records at {@code threshold} or above ({@code null}: all records). */
    public SyslogOutput level(Level threshold) {
        return new SyslogOutput(transport, host, port, socketPath, facility, threshold, settings);
    }

    /** For {@link #tls}: trust the CA certificates in the PEM file {@code caFile} instead of the JVM's default. */
    public SyslogOutput tlsCaFile(String caFile) {
        return configure(a -> a.setTlsCaFile(caFile));
    }

    /** For {@link #tls}, mutual TLS: this client's certificate chain and private key, both PEM files. */
    public SyslogOutput tlsClientCertificate(String certFile, String keyFile) {
        return configure(a -> {
            a.setTlsCertFile(certFile);
            a.setTlsKeyFile(keyFile);
        });
    }

    /** Any other appender option, for example {@code a -> a.setTlsTrustStore(...)}. */
    public SyslogOutput configure(Consumer<SyslogAppender> setting) {
        List<Consumer<SyslogAppender>> next = new ArrayList<>(settings);
        next.add(setting);
        return new SyslogOutput(transport, host, port, socketPath, facility, threshold, next);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        SyslogAppender appender = new SyslogAppender();
        appender.setContext(context);
        appender.setTransport(transport.name());
        if (transport.isUnix()) {
            appender.setSocketPath(socketPath);
        } else {
            appender.setHost(host);
            appender.setPort(port);
        }
        appender.setFacility(facility);
        appender.setProgramName(programName);
        TextLayout layout = new TextLayout();
        layout.setContext(context);
        layout.setIncludeTimestamp(false);
        layout.setIncludePid(false);
        appender.setLayout(layout);
        settings.forEach(s -> s.accept(appender));
        return OutputStarter.start(appender, threshold, context, this);
    }

    @Override
    public String toString() {
        String where = transport.isUnix() ? socketPath : host + ":" + port;
        return "syslog output " + transport.name().toLowerCase(Locale.ROOT) + " " + where + " (facility " + facility
                + ")";
    }
}
