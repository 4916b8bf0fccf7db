package io.logship.agent.sources;

import java.net.InetSocketAddress;

/** A {@link Source} that listens on a socket: its bound address is known once it started. */
public interface Listening {
    /** The bound address (the real port when the configured port was 0). */
    InetSocketAddress localAddress();
}
