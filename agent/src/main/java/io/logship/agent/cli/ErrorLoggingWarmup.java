package io.logship.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Loads, at start, the classes that logging an exception needs, by rendering one through the encoder of each of
 * the root logger's appenders and throwing the bytes away.
 *
 * <p>Why: when the process runs out of file descriptors (EMFILE) no class file can be opened, so a class loaded
 * for the first time fails with {@link NoClassDefFoundError}. The first exception logged then (Netty logs a failed
 * {@code accept} with its stack trace) would fail that way inside a Netty event loop and end the loop.
 *
 * <p>Best effort: without logback, or when an encoder refuses the event, it does nothing.
 */
final class ErrorLoggingWarmup {
    private ErrorLoggingWarmup() {}

    static void run() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ILoggingEvent event = new LoggingEvent(
                ErrorLoggingWarmup.class.getName(),
                root,
                Level.WARN,
                "warm-up {}",
                new IOException("warm-up", new IllegalStateException("cause")),
                new Object[] {"argument"});
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender && appender.getEncoder() != null) {
                try {
                    appender.getEncoder().encode(event); // rendered, never written
                } catch (RuntimeException e) {
                    // Only a warm-up: the appender reports its own problems when it really logs.
                }
            }
        }
    }
}
