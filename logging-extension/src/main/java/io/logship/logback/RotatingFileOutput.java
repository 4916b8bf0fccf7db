package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.encoder.ColorMode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code <directory>/<program>.log}, rolled by size to {@code .1} ... {@code .<maxFiles>} (logback's {@link
 * FixedWindowRollingPolicy} and {@link SizeBasedTriggeringPolicy}); see {@link Output#rotatingFile}.
 */
public final class RotatingFileOutput extends EncodedOutput<RotatingFileOutput> {

    /** Most archives kept: logback's fixed window refuses more than 20. */
    public static final int MAX_FILES_LIMIT = 20;

    /**
     * How often the file size is checked. Zero: on every record, so a file never grows past {@code maxSize} by more
     * than one record (a size check is one cached {@code File.length()}; logback's own default is 60 ms).
     */
    public static final Duration DEFAULT_CHECK_INCREMENT = Duration.buildByMilliseconds(0);

    private final Path directory;
    private final FileSize maxSize;
    private final int maxFiles;

    RotatingFileOutput(Path directory, FileSize maxSize, int maxFiles) {
        this(directory, maxSize, maxFiles, Format.TEXT, null);
    }

    private RotatingFileOutput(Path directory, FileSize maxSize, int maxFiles, Format format, Level threshold) {
        super(format, threshold);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.maxSize = Objects.requireNonNull(maxSize, "maxSize");
        if (maxSize.getSize() <= 0) {
            throw new IllegalArgumentException("maxSize must be > 0 bytes: " + maxSize);
        }
        if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
            throw new IllegalArgumentException("maxFiles must be 1.." + MAX_FILES_LIMIT + ": " + maxFiles);
        }
        this.maxFiles = maxFiles;
    }

    @Override
    RotatingFileOutput copy(Format format, Level threshold) {
        return new RotatingFileOutput(directory, maxSize, maxFiles, format, threshold);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        String file = directory.resolve(programName + FileOutput.SUFFIX).toString();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setFile(file);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(maxFiles);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(maxSize);
        trigger.setCheckIncrement(DEFAULT_CHECK_INCREMENT);
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(format.encoder(context, ColorMode.NEVER));
        return start(appender, context);
    }

    @Override
    public String toString() {
        return "rotating file output " + directory + " (" + maxSize + " x " + maxFiles + ", " + format + ")";
    }
}
