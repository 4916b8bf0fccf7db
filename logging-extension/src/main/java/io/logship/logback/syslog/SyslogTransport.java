package io.logship.logback.syslog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@link SyslogAppender} reaches the daemon. */
public enum SyslogTransport {
    /** One UDP datagram per message (RFC 5426), to {@code host:port}. Fire and forget. */
    UDP,
    /** A TCP connection to {@code host:port}, octet-counted frames by default (RFC 6587). */
    TCP,
    /**
     * TLS over TCP to {@code host:port} (RFC 5425: octet-counted frames, default port 6514), the server's certificate
     * checked against the trust settings and the host name.
     */
    TLS,
    /** A unix stream socket at {@code socketPath}, newline-terminated frames by default. */
    UNIX_STREAM,
    /**
     * A unix datagram socket at {@code socketPath}, one datagram per message: the classic {@code /dev/log}.
     * Needs netty's epoll transport on the class path (see {@link UnixDatagramSender}).
     */
    UNIX_DATAGRAM;

    /** True for the transports that address a socket file rather than a host and port. */
    public boolean isUnix() {
        return this == UNIX_STREAM || this == UNIX_DATAGRAM;
    }

    /**
     * Looks a transport up by name, ignoring case and accepting {@code -} for {@code _} ({@code "unix-stream"}).
     *
     * @throws IllegalArgumentException naming the bad value and every valid one
     */
    public static SyslogTransport fromName(String name) {
        if (name != null) {
            String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (SyslogTransport t : values()) {
                if (t.name().equals(key)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown syslog transport '" + name + "'; expected one of: "
                + Arrays.stream(values())
                        .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
    }
}
