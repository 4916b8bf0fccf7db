package io.logship.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.logship.logback.syslog.SyslogAppender;
import io.logship.logback.syslog.SyslogOutput;
import io.logship.logback.syslog.SyslogTransport;
import java.nio.file.Path;

/** The syslog output from {@code logship.syslog.*}: transport, address and TLS settings to a started appender. */
final class LogshipSyslog {

    private LogshipSyslog() {}

    /**
     * A started syslog appender named {@link LogshipOutputs#SYSLOG}.
     *
     * @throws IllegalStateException starting with {@code logship.syslog} and naming what is wrong
     */
    static Appender<ILoggingEvent> create(LoggerContext context, LogshipProperties.Syslog settings, String program) {
        SyslogOutput output = output(settings).configure(a -> {
            a.setName(LogshipOutputs.SYSLOG);
            LogshipProperties.Tls tls = settings.getTls();
            a.setTlsCaFile(tls.getCaFile());
            a.setTlsTrustStore(tls.getTrustStore());
            a.setTlsTrustStorePassword(tls.getTrustStorePassword());
            a.setTlsTrustStoreType(tls.getTrustStoreType());
            a.setTlsCertFile(tls.getCertFile());
            a.setTlsKeyFile(tls.getKeyFile());
        });
        try {
            return output.createAppender(context, program);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("logship.syslog: " + e.getMessage(), e);
        }
    }

    private static SyslogOutput output(LogshipProperties.Syslog settings) {
        SyslogTransport transport;
        try {
            transport = transport(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("logship.syslog.transport: " + e.getMessage(), e);
        }
        String host = settings.getHost();
        Integer port = settings.getPort();
        SyslogOutput output = switch (transport) {
            case UDP -> SyslogOutput.udp(host, port == null ? SyslogAppender.DEFAULT_PORT : port);
            case TCP -> SyslogOutput.tcp(host, port == null ? SyslogAppender.DEFAULT_PORT : port);
            case TLS -> SyslogOutput.tls(host, port == null ? SyslogAppender.DEFAULT_TLS_PORT : port);
            case UNIX_STREAM -> SyslogOutput.unixStream(socketPath(settings));
            case UNIX_DATAGRAM -> SyslogOutput.unixDatagram(socketPath(settings));
        };
        return output.facility(settings.getFacility());
    }

    private static SyslogTransport transport(LogshipProperties.Syslog settings) {
        boolean tls = settings.getTls().isEnabled();
        if (settings.getTransport() == null || settings.getTransport().isBlank()) {
            return tls ? SyslogTransport.TLS : SyslogAppender.DEFAULT_TRANSPORT;
        }
        SyslogTransport named = SyslogTransport.fromName(settings.getTransport());
        if (tls && named != SyslogTransport.TLS && named != SyslogTransport.TCP) {
            throw new IllegalStateException("logship.syslog.tls.enabled is true but transport is "
                    + settings.getTransport() + "; TLS runs over TCP (transport tcp or tls)");
        }
        return tls ? SyslogTransport.TLS : named;
    }

    private static Path socketPath(LogshipProperties.Syslog settings) {
        if (settings.getSocketPath() == null || settings.getSocketPath().isBlank()) {
            throw new IllegalStateException("logship.syslog.socket-path is required for transport "
                    + settings.getTransport() + " (e.g. /dev/log)");
        }
        return Path.of(settings.getSocketPath());
    }
}
