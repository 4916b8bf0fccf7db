package io.logship.logback.syslog;

/** What a layout's text needs before it becomes a syslog MSG or a journal MESSAGE. */
public final class LayoutText {
    private LayoutText() {}

    /**
     * {@code text} without one trailing {@code \n} or {@code \r\n}. Line-oriented layouts (a pattern ending in
     * {@code %n}, logship's TextLayout) end each record with one; a daemon stores records, not lines, so it would
     * otherwise be kept as part of the message.
     */
    public static String withoutTrailingNewline(String text) {
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && text.charAt(end - 1) == '\r') {
                end--;
            }
            return text.substring(0, end);
        }
        return text;
    }
}
