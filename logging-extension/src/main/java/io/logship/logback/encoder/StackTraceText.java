package io.logship.logback.encoder;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/** The full text of an event's throwable: causes and suppressed exceptions included, no trailing line break. */
final class StackTraceText {

    private StackTraceText() {}

    static String of(IThrowableProxy proxy) {
        String text = ThrowableProxyUtil.asString(proxy);
        return text.substring(0, contentLength(text));
    }

    /** The length of {@code text} without its trailing line breaks. */
    static int contentLength(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }
}
