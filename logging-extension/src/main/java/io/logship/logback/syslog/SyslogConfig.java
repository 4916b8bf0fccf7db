package io.logship.logback.syslog;

import ch.qos.logback.core.util.Duration;
import io.logship.logback.tls.TlsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checked form of a {@link SyslogAppender}'s settings. {@link #check} reports every problem at once, each
 * naming the setting and the bad value, so one start attempt shows everything to fix.
 */
record SyslogConfig(
        SyslogTransport transport, Facility facility, Framing framing, int maxBytes, int port, TlsClient tls) {

    /** Checks the appender's settings; reports each problem with {@code addError} and returns null if any. */
    static SyslogConfig check(SyslogAppender a) {
        List<String> errors = new ArrayList<>();
        SyslogTransport transport = null;
        try {
            transport = SyslogTransport.fromName(a.getTransport());
        } catch (IllegalArgumentException e) {
            errors.add("transport: " + e.getMessage());
        }
        Facility facility = null;
        try {
            facility = Facility.fromName(a.getFacility());
        } catch (IllegalArgumentException e) {
            errors.add("facility: " + e.getMessage());
        }
        try {
            Rfc5424Formatter.checkSdId(a.getSdId());
        } catch (IllegalArgumentException e) {
            errors.add("sdId: " + e.getMessage());
        }
        Framing framing = null;
        int maxBytes = 0;
        TlsClient tls = null;
        if (transport != null) {
            checkAddress(a, transport, errors);
            framing = framing(a.getFraming(), transport, errors);
            tls = tls(a, transport, errors);
            maxBytes = maxBytes(a.maxMessageBytesOrNull(), transport, errors);
            if (transport == SyslogTransport.UNIX_DATAGRAM) {
                String reason = UnixDatagramSender.unavailabilityReason();
                if (reason != null) {
                    errors.add("transport unix-datagram: " + reason);
                }
            }
        }
        checkPositive("connectTimeout", a.getConnectTimeout(), errors);
        checkPositive("writeTimeout", a.getWriteTimeout(), errors);
        if (a.getReconnectDelay() == null || a.getReconnectDelay().getMilliseconds() < 0) {
            errors.add("reconnectDelay must be >= 0: " + a.getReconnectDelay());
        }
        if (!errors.isEmpty()) {
            for (String error : errors) {
                a.addError(error);
            }
            a.addError(
                    "syslog appender '" + a.getName() + "' not started: " + errors.size() + " configuration error(s)");
            return null;
        }
        return new SyslogConfig(transport, facility, framing, maxBytes, a.portFor(transport), tls);
    }

    private static void checkAddress(SyslogAppender a, SyslogTransport transport, List<String> errors) {
        if (transport.isUnix()) {
            if (a.getSocketPath() == null || a.getSocketPath().isBlank()) {
                errors.add("socketPath is required for transport " + name(transport) + " (e.g. /dev/log)");
            }
            return;
        }
        if (a.getHost() == null || a.getHost().isBlank()) {
            errors.add("host is required for transport " + name(transport));
        }
        if (a.getPort() < 1 || a.getPort() > 65535) {
            errors.add("port must be 1 to 65535: " + a.getPort());
        }
    }

    private static TlsClient tls(SyslogAppender a, SyslogTransport transport, List<String> errors) {
        if (transport != SyslogTransport.TLS) {
            if (a.tlsOptions().anyFileSet()) {
                errors.add("tlsCaFile, tlsTrustStore, tlsCertFile or tlsKeyFile is set but transport is "
                        + name(transport) + "; set transport to tls (or remove them)");
            }
            return null;
        }
        try {
            return TlsClient.create(a.tlsOptions());
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private static Framing framing(String value, SyslogTransport transport, List<String> errors) {
        if (value == null || value.isBlank()) {
            return transport == SyslogTransport.TCP || transport == SyslogTransport.TLS
                    ? Framing.OCTET_COUNTING
                    : Framing.NON_TRANSPARENT;
        }
        String key = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Framing f : Framing.values()) {
            if (f.name().equals(key)) {
                if (transport == SyslogTransport.TLS && f != Framing.OCTET_COUNTING) {
                    errors.add("framing: transport tls uses octet-counting (RFC 5425), not " + value);
                }
                return f;
            }
        }
        errors.add("framing: unknown value '" + value + "'; expected one of: octet-counting, non-transparent");
        return null;
    }

    private static int maxBytes(Integer value, SyslogTransport transport, List<String> errors) {
        if (value == null) {
            return transport == SyslogTransport.UDP
                    ? SyslogAppender.DEFAULT_MAX_UDP_MESSAGE_BYTES
                    : SyslogAppender.DEFAULT_MAX_LOCAL_MESSAGE_BYTES;
        }
        if (value < Rfc5424Formatter.MIN_MAX_BYTES) {
            errors.add("maxMessageBytes must be >= " + Rfc5424Formatter.MIN_MAX_BYTES + ": " + value);
        }
        return value;
    }

    private static void checkPositive(String name, Duration d, List<String> errors) {
        if (d == null || d.getMilliseconds() <= 0) {
            errors.add(name + " must be > 0: " + d);
        }
    }

    private static String name(SyslogTransport t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
