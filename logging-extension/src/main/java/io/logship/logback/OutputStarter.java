package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an output's appender the way {@link io.logship.logback.Output} requires: optional level threshold, then
 * {@code start()}, then an {@link IllegalStateException} carrying the appender's error statuses if it stayed
 * stopped.
 */
public final class OutputStarter {
    private OutputStarter() {}

    /** Starts {@code appender} (already bound to {@code context}); {@code threshold} null means every level. */
    public static Appender<ILoggingEvent> start(
            Appender<ILoggingEvent> appender, Level threshold, LoggerContext context, Object output) {
        if (threshold != null) {
            ThresholdFilter filter = new ThresholdFilter();
            filter.setLevel(threshold.toString());
            filter.setContext(context);
            filter.start();
            appender.addFilter(filter);
        }
        appender.start();
        if (!appender.isStarted()) {
            List<String> errors = new ArrayList<>();
            for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                if (status.getOrigin() == appender && status.getLevel() == Status.ERROR) {
                    errors.add(status.getMessage());
                }
            }
            throw new IllegalStateException(output + " did not start: " + errors);
        }
        return appender;
    }
}
