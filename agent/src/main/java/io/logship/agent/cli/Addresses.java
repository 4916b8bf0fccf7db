package io.logship.agent.cli;

import java.net.InetSocketAddress;

/** The printable {@code host:port} and {@code http://host:port} of a bound address, IPv6 in brackets. */
final class Addresses {
    private Addresses() {}

    static String url(InetSocketAddress address) {
        return "http://" + hostPort(address);
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
