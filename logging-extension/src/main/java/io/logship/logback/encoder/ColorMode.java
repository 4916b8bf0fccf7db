package io.logship.logback.encoder;

import java.util.Map;

/** Whether {@link TextLayout} wraps records in ANSI colours. In logback.xml: {@code <color>AUTO</color>}. */
public enum ColorMode {
    /** Colour only when the JVM has a console (stdin/stdout are a terminal) and {@code NO_COLOR} is unset or empty. */
    AUTO,
    /** Always colour. */
    ALWAYS,
    /** Never colour (the default of {@link TextLayout}: files and sockets never want escapes). */
    NEVER;

    /** Resolves {@link #AUTO} against {@code System.console()} and {@code environment}'s {@code NO_COLOR}. */
    public boolean enabled(Map<String, String> environment) {
        switch (this) {
            case ALWAYS:
                return true;
            case NEVER:
                return false;
            default:
                String noColor = environment.get("NO_COLOR");
                return (noColor == null || noColor.isEmpty()) && System.console() != null;
        }
    }
}
