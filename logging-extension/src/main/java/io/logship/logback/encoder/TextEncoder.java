package io.logship.logback.encoder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@link TextLayout} as an encoder, UTF-8: {@code <encoder class="io.logship.logback.encoder.TextEncoder"/>}. The
 * layout's options are settable here too ({@code color}, {@code includeTimestamp}, {@code includePid}).
 */
public class TextEncoder extends LayoutWrappingEncoder<ILoggingEvent> {

    private final TextLayout textLayout = new TextLayout();

    public TextEncoder() {
        setLayout(textLayout);
        setCharset(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (layout.getContext() == null) {
            layout.setContext(getContext());
        }
        layout.start();
        if (!layout.isStarted()) {
            addError("layout did not start; see its errors");
            return;
        }
        super.start();
    }

    public ColorMode getColor() {
        return textLayout.getColor();
    }

    public void setColor(ColorMode color) {
        textLayout.setColor(color);
    }

    public boolean isIncludeTimestamp() {
        return textLayout.isIncludeTimestamp();
    }

    public void setIncludeTimestamp(boolean includeTimestamp) {
        textLayout.setIncludeTimestamp(includeTimestamp);
    }

    public boolean isIncludePid() {
        return textLayout.isIncludePid();
    }

    public void setIncludePid(boolean includePid) {
        textLayout.setIncludePid(includePid);
    }
}
