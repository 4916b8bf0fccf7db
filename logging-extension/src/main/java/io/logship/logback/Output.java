package io.logship.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.datadog.DatadogOutput;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/**
 * Where {@link Logship#setup(SetupOptions)} sends records: a factory of one logback appender.
 *
 * <p>Other packages add outputs by implementing this interface; nothing here needs editing. The built-in ones:
 *
 * <pre>{@code
 * Output.stderr()                                  // text, colour when on a terminal (the default output)
 * Output.stdout().json()                           // JSON lines
 * Output.file(Path.of("/var/log"))                 // /var/log/<program>.log
 * Output.rotatingFile(dir, FileSize.valueOf("10MB"), 5)
 * Output.timedRotatingFile(dir, ChronoUnit.DAYS, 7).json()
 * Output.stderr().level(Level.WARN)                // this output only takes WARN and above
 * }</pre>
 *
 * <p>Contract: {@link #createAppender} returns a <b>started</b> appender bound to {@code context}, or throws {@link
 * IllegalStateException} naming what failed (setup then fails before touching the root logger). It must not attach
 * the appender anywhere: setup names it, attaches it to the root logger, and stops it on the next setup.
 */
public interface Output {

    /**
     * Builds and starts this output's appender.
     *
     * @param context the logger context the appender belongs to
     * @param programName the resolved program name (file names, syslog identifiers...)
     * @throws IllegalStateException if the appender could not start
     */
    Appender<ILoggingEvent> createAppender(LoggerContext context, String programName);

    /** Text to standard error, coloured when on a terminal and {@code NO_COLOR} is unset. The default output. */
    static StreamOutput stderr() {
        return StreamOutput.STDERR;
    }

    /** Text to standard output, coloured when on a terminal and {@code NO_COLOR} is unset. */
    static StreamOutput stdout() {
        return StreamOutput.STDOUT;
    }

    /** Text appended to {@code <directory>/<program name>.log} (the directory is created if missing). */
    static FileOutput file(Path directory) {
        return new FileOutput(directory);
    }

    /**
     * {@code <directory>/<program>.log}, rolled to {@code <program>.log.1} ... {@code .<maxFiles>} when it exceeds
     * {@code maxSize}; the oldest archive is deleted.
     *
     * @param maxFiles archives kept, 1 to {@value RotatingFileOutput#MAX_FILES_LIMIT}
     */
    static RotatingFileOutput rotatingFile(Path directory, FileSize maxSize, int maxFiles) {
        return new RotatingFileOutput(directory, maxSize, maxFiles);
    }

    /**
     * {@code <directory>/<program>.log}, rolled each {@code period} (MINUTES, HOURS or DAYS) to {@code
     * <program>.<date>.log}; archives older than {@code maxHistory} periods are deleted.
     */
    static TimedRotatingFileOutput timedRotatingFile(Path directory, ChronoUnit period, int maxHistory) {
        return new TimedRotatingFileOutput(directory, period, maxHistory);
    }

    /**
     * JSON lines to a local Datadog agent (or a logship agent): {@code 127.0.0.1:10518} over TCP, or {@code
     * DD_AGENT_HOST} / {@code LOGSHIP_DATADOG_PORT}. Never blocks the logging thread; every drop is counted and
     * reported. See {@link DatadogOutput} for UDP, service, tags and queue limits.
     */
    static DatadogOutput datadog() {
        return DatadogOutput.create();
    }
}
