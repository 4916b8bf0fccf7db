package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.Objects;

/**
 * Base of the built-in outputs: an immutable value holding a {@link Format} and an optional level threshold.
 *
 * @param <T> the concrete output, returned by the copy methods
 */
public abstract class EncodedOutput<T extends EncodedOutput<T>> implements Output {

    final Format format;
    final Level threshold;

    EncodedOutput(Format format, Level threshold) {
        this.format = Objects.requireNonNull(format, "format");
        this.threshold = threshold;
    }

    /** The same output, rendering JSON lines. */
    public T json() {
        return copy(Format.JSON, threshold);
    }

    /** The same output with {@code format}. */
    public T format(Format format) {
        return copy(format, threshold);
    }

    /** The same output, taking only records at {@code threshold} or above ({@code null}: all records). */
    public T level(Level threshold) {
        return copy(format, threshold);
    }

    public Format getFormat() {
        return format;
    }

    abstract T copy(Format format, Level threshold);

    /** Adds the threshold filter, starts {@code appender}, and throws with its error statuses if it did not start. */
    final Appender<ILoggingEvent> start(Appender<ILoggingEvent> appender, LoggerContext context) {
        return OutputStarter.start(appender, threshold, context, this);
    }
}
