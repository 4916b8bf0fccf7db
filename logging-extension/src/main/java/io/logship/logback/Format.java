package io.logship.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import io.logship.logback.encoder.ColorMode;
import io.logship.logback.encoder.JsonEncoder;
import io.logship.logback.encoder.TextEncoder;

/** The rendering of a built-in output. */
public enum Format {
    /** {@link TextEncoder}: daiquiri's text line. */
    TEXT,
    /** {@link JsonEncoder}: one JSON object per line. */
    JSON;

    /** A started encoder of this format; {@code color} applies to TEXT only. */
    Encoder<ILoggingEvent> encoder(LoggerContext context, ColorMode color) {
        Encoder<ILoggingEvent> encoder;
        if (this == TEXT) {
            TextEncoder text = new TextEncoder();
            text.setColor(color);
            encoder = text;
        } else {
            encoder = new JsonEncoder();
        }
        encoder.setContext(context);
        encoder.start();
        if (!encoder.isStarted()) {
            throw new IllegalStateException(name() + " encoder did not start");
        }
        return encoder;
    }
}
