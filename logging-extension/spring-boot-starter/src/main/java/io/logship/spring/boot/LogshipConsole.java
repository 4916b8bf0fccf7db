package io.logship.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.logship.logback.Format;
import io.logship.logback.encoder.ColorMode;
import io.logship.logback.encoder.JsonEncoder;
import io.logship.logback.encoder.TextEncoder;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Gives Spring Boot's default CONSOLE and FILE appenders logship's encoder: text ({@link TextEncoder}, coloured on
 * a terminal as {@code spring.output.ansi.enabled} says) or JSON ({@link JsonEncoder}). Everything else about them
 * (target, threshold filter, file rolling) stays Spring's. An appender whose output Spring's structured logging
 * owns ({@code logging.structured.format.console} / {@code .file}) is left alone.
 */
final class LogshipConsole {

    /** Names Spring Boot's {@code DefaultLogbackConfiguration} gives its appenders. */
    static final String CONSOLE = "CONSOLE";

    static final String FILE = "FILE";

    private LogshipConsole() {}

    static void apply(LoggerContext context, LogshipProperties properties, Environment environment) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!environment.containsProperty("logging.structured.format.console")) {
            replaceEncoder(root.getAppender(CONSOLE), encoder(context, properties.getFormat(), color(environment)));
        }
        if (!environment.containsProperty("logging.structured.format.file") && root.getAppender(FILE) != null) {
            replaceEncoder(root.getAppender(FILE), encoder(context, properties.getFormat(), ColorMode.NEVER));
        }
    }

    private static void replaceEncoder(Appender<ILoggingEvent> appender, Encoder<ILoggingEvent> encoder) {
        if (!(appender instanceof OutputStreamAppender)) {
            return;
        }
        OutputStreamAppender<ILoggingEvent> stream = (OutputStreamAppender<ILoggingEvent>) appender;
        boolean started = stream.isStarted();
        stream.stop();
        stream.setEncoder(encoder);
        if (started) {
            stream.start();
        }
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format, ColorMode color) {
        Encoder<ILoggingEvent> encoder;
        if (format == Format.JSON) {
            encoder = new JsonEncoder();
        } else {
            TextEncoder text = new TextEncoder();
            text.setColor(color);
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    /** {@code spring.output.ansi.enabled}: ALWAYS, NEVER, or DETECT (the default; logship's AUTO). */
    private static ColorMode color(Environment environment) {
        String ansi =
                environment.getProperty("spring.output.ansi.enabled", "detect").toUpperCase(Locale.ROOT);
        switch (ansi) {
            case "ALWAYS":
                return ColorMode.ALWAYS;
            case "NEVER":
                return ColorMode.NEVER;
            default:
                return ColorMode.AUTO;
        }
    }
}
