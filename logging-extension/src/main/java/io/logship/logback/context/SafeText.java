package io.logship.logback.context;

import java.util.Arrays;

/**
 * Renders any value as text without ever throwing: {@code null} becomes {@code "null"}, arrays render their
 * elements, and a {@code toString()} that throws yields {@code <toString() threw the.Exception>}.
 *
 * <p>Stateless and thread-safe. Used by the text layout, the JSON encoder's fallback and {@link LogContext}.
 */
public final class SafeText {

    private SafeText() {}

    /** Returns the text of {@code value}; never throws, never returns {@code null}. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            if (value instanceof String) {
                return (String) value;
            }
            if (value.getClass().isArray()) {
                return arrayText(value);
            }
            String text = value.toString();
            return text == null ? "null" : text;
        } catch (RuntimeException | Error e) { // a user toString() failed: the record must still be written
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return "<toString() threw " + e.getClass().getName() + ">";
        }
    }

    private static String arrayText(Object array) {
        if (array instanceof Object[]) {
            return Arrays.deepToString((Object[]) array);
        } else if (array instanceof int[]) {
            return Arrays.toString((int[]) array);
        } else if (array instanceof long[]) {
            return Arrays.toString((long[]) array);
        } else if (array instanceof byte[]) {
            return Arrays.toString((byte[]) array);
        } else if (array instanceof double[]) {
            return Arrays.toString((double[]) array);
        } else if (array instanceof float[]) {
            return Arrays.toString((float[]) array);
        } else if (array instanceof short[]) {
            return Arrays.toString((short[]) array);
        } else if (array instanceof char[]) {
            return Arrays.toString((char[]) array);
        } else {
            return Arrays.toString((boolean[]) array);
        }
    }
}
