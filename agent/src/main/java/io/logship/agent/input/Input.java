package io.logship.agent.input;

import java.net.InetSocketAddress;

/** A bound listener of one {@code logs:} source. */
public interface Input {
    /** The bound address (the real port when the configured port was 0). */
    InetSocketAddress localAddress();

    /**
     * Stops listening and closes every connection, waiting until they are closed (each connection's partial last
     * line is delivered to the pipeline first).
     */
    void close() throws InterruptedException;
}
