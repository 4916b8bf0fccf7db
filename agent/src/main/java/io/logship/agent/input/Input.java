package io.logship.agent.input;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A bound listener of one {@code logs:} source. */
public interface Input {
    /** The bound address (the real port when the configured port was 0). */
    InetSocketAddress localAddress();

    /**
     * Stops listening and closes every connection, waiting until they are closed (each connection's partial last
     * line is delivered to the pipeline first).
     */
    void close() throws InterruptedException;

    /**
     * Stops taking new connections, reads each open one until its client closes it or it stays quiet for
     * {@link ConnectionDrain#QUIET}, then closes what is left when {@code drainFor} has passed. The default (for
     * inputs without connections) is {@link #close()}.
     */
    default void drainAndClose(Duration drainFor) throws InterruptedException {
        close();
    }
}
