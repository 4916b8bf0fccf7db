package io.logship.logback.encoder;

/**
 * Replaces unpaired UTF-16 surrogates with U+FFFD, so that every JSON record is valid UTF-8 (a lone surrogate would
 * otherwise become bytes that strict parsers, and the intake, reject). Returns the same instance, without copying,
 * when the text is already well formed: one pass over the chars.
 */
final class WellFormed {

    private static final char REPLACEMENT = '\uFFFD';

    private WellFormed() {}

    static String of(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return repair(text);
            }
        }
        return text;
    }

    private static String repair(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** Replaces each unpaired surrogate in {@code text[0, length)} with U+FFFD, in place (no copy). */
    static void repairInPlace(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                    i++; // a valid pair
                } else {
                    text[i] = REPLACEMENT;
                }
            }
        }
    }
}
