package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import io.logship.logback.encoder.ColorMode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code <directory>/<program>.log}, appended, and reopened when an external logrotate moved it
 * ({@link WatchedFileAppender}, as daiquiri's {@code WatchedFileHandler}); see {@link Output#file(Path)}.
 */
public final class FileOutput extends EncodedOutput<FileOutput> {

    /** Suffix of log file names, as daiquiri's {@code suffix=".log"}. */
    public static final String SUFFIX = ".log";

    private final Path directory;

    FileOutput(Path directory) {
        this(directory, Format.TEXT, null);
    }

    private FileOutput(Path directory, Format format, Level threshold) {
        super(format, threshold);
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    FileOutput copy(Format format, Level threshold) {
        return new FileOutput(directory, format, threshold);
    }

    /** The file this output writes for {@code programName}. */
    public Path path(String programName) {
        return directory.resolve(programName + SUFFIX);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        FileAppender<ILoggingEvent> appender = new WatchedFileAppender<>();
        appender.setContext(context);
        appender.setFile(path(programName).toString());
        appender.setAppend(true);
        appender.setEncoder(format.encoder(context, ColorMode.NEVER));
        return start(appender, context);
    }

    @Override
    public String toString() {
        return "file output " + directory + " (" + format + ")";
    }
}
