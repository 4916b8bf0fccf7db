package io.logship.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The agent's last {@value #KEPT} warnings and errors, as logged ({@code 2026-11-27T16:20:00Z WARN Sender: sending a
 * batch ...}), for {@code logship-agent status}. Warnings are rate-limited where they are logged, so this holds the
 * recent distinct troubles, not a flood of one.
 *
 * <p>A logback appender on the root logger; thread-safe ({@link AppenderBase} synchronizes {@code append}).
 */
final class RecentWarnings extends AppenderBase<ILoggingEvent> {
    /** How many lines are kept: a screen's worth in the status table. */
    static final int KEPT = 5;

    private final Deque<String> lines = new ArrayDeque<>(KEPT);

    /** Starts one and attaches it to the root logger; empty when logging is not logback (it stays empty). */
    static RecentWarnings attach() {
        RecentWarnings recent = new RecentWarnings();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            recent.setContext(context);
            recent.setName("logship-recent-warnings");
            recent.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(recent);
        }
        return recent;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        String logger = event.getLoggerName();
        String line = Instant.ofEpochMilli(event.getTimeStamp()) + " " + event.getLevel() + " "
                + logger.substring(logger.lastIndexOf('.') + 1) + ": " + event.getFormattedMessage();
        if (lines.size() == KEPT) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The kept lines, oldest first. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Detaches from the root logger. */
    void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }
}
