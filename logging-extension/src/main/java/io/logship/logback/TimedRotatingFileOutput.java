package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import io.logship.logback.encoder.ColorMode;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * {@code <directory>/<program>.log}, rolled each period to {@code <program>.<date>.log}, keeping {@code maxHistory}
 * periods of archives (logback's {@link TimeBasedRollingPolicy}); see {@link Output#timedRotatingFile}.
 */
public final class TimedRotatingFileOutput extends EncodedOutput<TimedRotatingFileOutput> {

    private final Path directory;
    private final ChronoUnit period;
    private final int maxHistory;

    TimedRotatingFileOutput(Path directory, ChronoUnit period, int maxHistory) {
        this(directory, period, maxHistory, Format.TEXT, null);
    }

    private TimedRotatingFileOutput(Path directory, ChronoUnit period, int maxHistory, Format format, Level threshold) {
        super(format, threshold);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.period = Objects.requireNonNull(period, "period");
        datePattern(period); // rejects unsupported periods now, not at setup
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be >= 1 period: " + maxHistory);
        }
        this.maxHistory = maxHistory;
    }

    /** The logback date pattern whose finest unit is {@code period}. */
    static String datePattern(ChronoUnit period) {
        switch (period) {
            case DAYS:
                return "yyyy-MM-dd";
            case HOURS:
                return "yyyy-MM-dd_HH";
            case MINUTES:
                return "yyyy-MM-dd_HH-mm";
            default:
                throw new IllegalArgumentException("period must be MINUTES, HOURS or DAYS: " + period);
        }
    }

    @Override
    TimedRotatingFileOutput copy(Format format, Level threshold) {
        return new TimedRotatingFileOutput(directory, period, maxHistory, format, threshold);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(directory.resolve(programName + FileOutput.SUFFIX).toString());

        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory
                .resolve(programName + ".%d{" + datePattern(period) + "}" + FileOutput.SUFFIX)
                .toString());
        rolling.setMaxHistory(maxHistory);
        rolling.start();

        appender.setRollingPolicy(rolling);
        appender.setEncoder(format.encoder(context, ColorMode.NEVER));
        return start(appender, context);
    }

    @Override
    public String toString() {
        return "timed rotating file output " + directory + " (" + period + " x " + maxHistory + ", " + format + ")";
    }
}
