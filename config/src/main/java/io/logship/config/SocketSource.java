package io.logship.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code logs:} entry of {@code type: tcp} or {@code type: udp}: a listener and the attributes its records get.
 *
 * @param type            TCP or UDP
 * @param bind            the address to listen on
 * @param port            the port; 0 picks a free one
 * @param service         the {@code service} given to records that carry none
 * @param source          the {@code ddsource} given to records that carry none
 * @param tags            tags added to every record's {@code ddtags}, before the global ones
 * @param maxMessageBytes lines longer than this are split into {@code ...TRUNCATED...} chunks
 * @param maxConnections  TCP: open connections at most; a new one over the cap is closed at once and counted
 * @param idleTimeout     TCP: a connection that sends nothing for this long is closed and counted; zero: never
 * @param receiveBufferBytes UDP: the socket receive buffer asked of the kernel ({@code SO_RCVBUF})
 * @param tls TCP: when present the listener speaks TLS only
 * @param allow the client addresses accepted; empty: every address. TCP: others are closed at accept; UDP: their
 *     datagrams are dropped and counted
 */
public record SocketSource(
        SourceType type,
        String bind,
        int port,
        Optional<String> service,
        Optional<String> source,
        List<String> tags,
        int maxMessageBytes,
        int maxConnections,
        Duration idleTimeout,
        int receiveBufferBytes,
        Optional<Tls> tls,
        List<Cidr> allow)
        implements LogSource {
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The port of a Datadog Agent's custom {@code type: tcp} source in its docs, and daiquiri's default. */
    public static final int DEFAULT_PORT = 10518;
    /** Open TCP connections per source at most (the Datadog Agent's TCP source has no cap by default). */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** A TCP connection silent this long is closed: its descriptor is worth more than a dead peer. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** The UDP socket receive buffer asked of the kernel (capped by {@code net.core.rmem_max}). */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;

    public SocketSource {
        if (type != SourceType.TCP && type != SourceType.UDP) {
            throw new IllegalArgumentException("a socket source is tcp or udp: " + type);
        }
        tags = List.copyOf(tags);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        allow = List.copyOf(allow);
        if (tls.isPresent() && type != SourceType.TCP) {
            throw new IllegalArgumentException("TLS is for tcp sources");
        }
    }

    /** A source without TLS that accepts every address. */
    public SocketSource(
            SourceType type,
            String bind,
            int port,
            Optional<String> service,
            Optional<String> source,
            List<String> tags,
            int maxMessageBytes,
            int maxConnections,
            Duration idleTimeout,
            int receiveBufferBytes) {
        this(
                type,
                bind,
                port,
                service,
                source,
                tags,
                maxMessageBytes,
                maxConnections,
                idleTimeout,
                receiveBufferBytes,
                Optional.empty(),
                List.of());
    }

    /** Whether a client at {@code address} may send to this source ({@link #allow}); no allocation. */
    public boolean allows(InetAddress address) {
        if (allow.isEmpty()) {
            return true;
        }
        for (int i = 0; i < allow.size(); i++) {
            if (allow.get(i).contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** A source with the default connection cap, idle timeout and receive buffer. */
    public SocketSource(
            SourceType type,
            String bind,
            int port,
            Optional<String> service,
            Optional<String> source,
            List<String> tags,
            int maxMessageBytes) {
        this(
                type,
                bind,
                port,
                service,
                source,
                tags,
                maxMessageBytes,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT,
                DEFAULT_RECEIVE_BUFFER_BYTES);
    }
}
