package io.logship.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one input source: records and bytes in, records re-encoded (not dropped), open connections and
 * connections the agent closed.
 */
public final class SourceMeters {
    public final Counter recordsIn;
    public final Counter bytesIn;
    /** JSON object lines nested too deep: sent as a text {@code message} instead. */
    public final Counter reencodedNesting;
    /** Lines whose record, as sent (escaped), was over the record limit: sent as text chunks instead. */
    public final Counter reencodedSize;
    /** New TCP connections closed at once: the source had {@code max_connections} open. */
    public final Counter connectionsClosedCap;
    /** New TCP connections closed at once: the agent's descriptors left no room (see ConnectionBudget). */
    public final Counter connectionsClosedFdLimit;
    /** New TCP connections closed at once: the client's address is not in the source's {@code allow} list. */
    public final Counter connectionsClosedAllowList;
    /** TLS connections closed because the handshake failed (bad, untrusted, expired or no client certificate...). */
    public final Counter connectionsClosedTlsHandshake;
    /** TLS connections closed because the client sent plain text. */
    public final Counter connectionsClosedPlaintext;
    /** TCP connections admitted: past the allow-list, {@code max_connections} and the descriptor budget. */
    public final Counter connectionsAccepted;
    /** TCP connections closed after {@code idle_timeout} without data. */
    public final Counter connectionsClosedIdle;
    /** UDP: datagrams the kernel dropped because the socket's receive buffer was full. */
    public final Counter udpKernelDrops;

    public final AtomicInteger openConnections = new AtomicInteger();

    SourceMeters(MeterRegistry registry, String source) {
        recordsIn = Counter.builder("logship.records.in")
                .tag("source", source)
                .description("Records received (a line sent as several chunks counts once per chunk)")
                .register(registry);
        bytesIn = Counter.builder("logship.bytes.in")
                .tag("source", source)
                .baseUnit("bytes")
                .description("Bytes received, framing included")
                .register(registry);
        reencodedNesting = reencoded(registry, source, "nesting");
        reencodedSize = reencoded(registry, source, "size");
        connectionsClosedCap = closed(registry, source, "cap");
        connectionsClosedFdLimit = closed(registry, source, "fd_limit");
        connectionsClosedIdle = closed(registry, source, "idle");
        connectionsClosedAllowList = closed(registry, source, "allow_list");
        connectionsClosedTlsHandshake = closed(registry, source, "tls_handshake");
        connectionsClosedPlaintext = closed(registry, source, "plaintext_on_tls");
        connectionsAccepted = Counter.builder("logship.connections.accepted")
                .tag("source", source)
                .description("Client connections admitted past the allow-list, max_connections and the descriptor "
                        + "budget (a TLS handshake may still refuse them)")
                .register(registry);
        udpKernelDrops = Counter.builder("logship.udp.kernel.drops")
                .tag("source", source)
                .description("UDP datagrams the kernel dropped before the agent read them (receive buffer full)")
                .register(registry);
        Gauge.builder("logship.connections.open", openConnections, AtomicInteger::get)
                .tag("source", source)
                .description("Open client connections")
                .register(registry);
    }

    /**
     * Adds this source's refused connections to {@code into}, by reason tag, in a fixed order: refused at accept
     * ({@code allow_list}, {@code cap}, {@code fd_limit}), then by TLS ({@code tls_handshake},
     * {@code plaintext_on_tls}). Every reason is added, zeros too, so that the order stays fixed whatever the
     * order of the sources.
     */
    public void addRefusals(Map<String, Long> into) {
        add(into, "allow_list", connectionsClosedAllowList);
        add(into, "cap", connectionsClosedCap);
        add(into, "fd_limit", connectionsClosedFdLimit);
        add(into, "tls_handshake", connectionsClosedTlsHandshake);
        add(into, "plaintext_on_tls", connectionsClosedPlaintext);
    }

    private static void add(Map<String, Long> into, String reason, Counter counter) {
        into.merge(reason, (long) counter.count(), Long::sum);
    }

    private static Counter reencoded(MeterRegistry registry, String source, String reason) {
        return Counter.builder("logship.records.reencoded")
                .tag("source", source)
                .tag("reason", reason)
                .description("Lines sent in another form than they came, not dropped: nesting = a JSON object too "
                        + "deep, sent as text; size = a record over the size limit once escaped, sent as chunks")
                .register(registry);
    }

    private static Counter closed(MeterRegistry registry, String source, String reason) {
        return Counter.builder("logship.connections.closed")
                .tag("source", source)
                .tag("reason", reason)
                .description("Client connections the agent closed. Refused at accept: cap = over max_connections, "
                        + "fd_limit = too few file descriptors left, allow_list = address not allowed; refused by TLS: "
                        + "tls_handshake = handshake failed, plaintext_on_tls = plain text on a TLS port; "
                        + "idle = idle_timeout")
                .register(registry);
    }
}
