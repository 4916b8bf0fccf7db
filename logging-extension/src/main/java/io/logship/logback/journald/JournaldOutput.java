package io.logship.logback.journald;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.logship.logback.Output;
import io.logship.logback.OutputStarter;
import java.nio.file.Path;

/**
 * daiquiri's {@code Journal} output for {@code Logship.setup}: a {@link JournaldAppender} with SYSLOG_IDENTIFIER
 * set to the program name. Unlike daiquiri, MESSAGE is the message alone: level, logger, key/values and the stack
 * trace are journal fields of their own. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * JournaldOutput.journal()
 * JournaldOutput.journal().level(Level.INFO)
 * }</pre>
 *
 * <p>{@link #createAppender} throws {@link IllegalStateException} when netty's native transport is missing.
 */
public final class JournaldOutput implements Output {
    private final Path socket;
    private final Level threshold;

    private JournaldOutput(Path socket, Level threshold) {
        this.socket = socket;
        this.threshold = threshold;
    }

    /** The system journal ({@value JournaldAppender#DEFAULT_SOCKET_PATH}). */
    public static JournaldOutput journal() {
        return new JournaldOutput(Path.of(JournaldAppender.DEFAULT_SOCKET_PATH), null);
    }

    /** The same output, writing to another journald socket (e.g. a namespace's). */
    public JournaldOutput socket(Path socket) {
        return new JournaldOutput(socket, threshold);
    }

    /** The same output, taking only records at {@code threshold} or above ({@code null}: all records). */
    public JournaldOutput level(Level threshold) {
        return new JournaldOutput(socket, threshold);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        JournaldAppender appender = new JournaldAppender();
        appender.setContext(context);
        appender.setSocketPath(socket.toString());
        appender.setProgramName(programName);
        return OutputStarter.start(appender, threshold, context, this);
    }

    @Override
    public String toString() {
        return "journald output " + socket;
    }
}
