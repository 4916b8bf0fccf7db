package io.logship.logback.context;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;

/**
 * An event built by {@link KeyValueArgumentFilter}: its caller data skips the filter's frames (which sit between
 * the logger and the appenders), so {@code %caller} and {@code includeCallerData} still name the application. A
 * class of its own, not nested in the filter: caller data matches frames by class-name prefix.
 */
final class PairedLoggingEvent extends LoggingEvent {
    private final LoggerContext loggerContext;

    PairedLoggingEvent(Logger logger, Level level, String format, Throwable t, Object[] params) {
        super(Logger.FQCN, logger, level, format, t, params);
        this.loggerContext = logger.getLoggerContext();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        if (!hasCallerData()) {
            setCallerData(extract(
                    new Throwable().getStackTrace(),
                    loggerContext.getMaxCallerDataDepth(),
                    loggerContext.getFrameworkPackages()));
        }
        return super.getCallerData();
    }

    /**
     * As logback's {@code CallerData.extract}: the frames after the first run of logging frames. Logging frames are
     * logback's {@code Logger}, the three classes this filter adds (matched exactly, not by prefix) and the context's
     * framework packages (by prefix, as logback does).
     */
    static StackTraceElement[] extract(StackTraceElement[] stack, int maxDepth, List<String> packages) {
        int found = -1;
        for (int i = 0; i < stack.length; i++) {
            if (isLogging(stack[i].getClassName(), packages)) {
                found = i + 1;
            } else if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            return CallerData.EMPTY_CALLER_DATA_ARRAY;
        }
        int depth = Math.min(maxDepth, stack.length - found);
        StackTraceElement[] caller = new StackTraceElement[Math.max(0, depth)];
        System.arraycopy(stack, found, caller, 0, caller.length);
        return caller;
    }

    private static boolean isLogging(String className, List<String> packages) {
        if (className.equals(Logger.FQCN) || KeyValueArgumentFilter.OWN_FRAMES.contains(className)) {
            return true;
        }
        if (packages != null) {
            for (String prefix : packages) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
