package io.logship.logback.datadog;

/** The transport to the local agent. */
public enum Protocol {
    /** A TCP stream of {@code \n}-terminated JSON lines (the Datadog Agent's {@code type: tcp} log source). */
    TCP,
    /**
     * One datagram per record, each ending in {@code \n} (the Datadog Agent's {@code type: udp} log source). Best
     * effort: a datagram to a port nobody listens on is lost, which the sender learns only from a later ICMP error.
     */
    UDP
}
