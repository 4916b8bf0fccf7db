package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import io.logship.logback.encoder.ColorMode;
import java.util.Objects;

/** Standard error or standard output ({@link ConsoleAppender}); see {@link Output#stderr()}. */
public final class StreamOutput extends EncodedOutput<StreamOutput> {

    static final StreamOutput STDERR = new StreamOutput(ConsoleTarget.SystemErr, Format.TEXT, null, ColorMode.AUTO);
    static final StreamOutput STDOUT = new StreamOutput(ConsoleTarget.SystemOut, Format.TEXT, null, ColorMode.AUTO);

    private final ConsoleTarget target;
    private final ColorMode color;

    private StreamOutput(ConsoleTarget target, Format format, Level threshold, ColorMode color) {
        super(format, threshold);
        this.target = target;
        this.color = Objects.requireNonNull(color, "color");
    }

    /** The same output with colour {@code color} (default {@link ColorMode#AUTO}); text only. */
    public StreamOutput color(ColorMode color) {
        return new StreamOutput(target, format, threshold, color);
    }

    @Override
    StreamOutput copy(Format format, Level threshold) {
        return new StreamOutput(target, format, threshold, color);
    }

    @Override
    public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget(target.getName());
        appender.setEncoder(format.encoder(context, color));
        return start(appender, context);
    }

    @Override
    public String toString() {
        return (target == ConsoleTarget.SystemErr ? "stderr" : "stdout") + " output (" + format + ")";
    }
}
