package io.logship.logback.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** A list appender on the real (global) logback context's root logger; close() detaches it. */
public final class Capture implements AutoCloseable {

    /** Keeps events; computes caller data while the logging call is on the stack. */
    public final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.getCallerData();
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    private final Logger root;
    private final Level previousLevel;

    public Capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    public Capture level(Level level) {
        root.setLevel(level);
        return this;
    }

    public ILoggingEvent only() {
        if (appender.list.size() != 1) {
            throw new AssertionError("expected exactly one event, got " + appender.list);
        }
        return appender.list.get(0);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }
}
