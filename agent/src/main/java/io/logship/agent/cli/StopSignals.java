package io.logship.agent.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the stop runs on the signal's thread, then the main thread returns
 * and the process exits 0 (a JVM ended by the signal's default action exits 143 instead).
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}); if it is not available, or the JVM runs with
 * {@code -Xrs}, the shutdown hook still stops the agent, but the exit status is then the JVM's.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received", name);
                    stop.run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("cannot handle SIG{} ({}): the shutdown hook will stop the agent", name, e.getMessage());
            }
        }
    }
}
