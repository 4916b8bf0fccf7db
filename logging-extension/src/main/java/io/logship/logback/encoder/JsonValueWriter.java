package io.logship.logback.encoder;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.logback.context.SafeText;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes any Java value as JSON, with a defined rendering for values JSON has no type for.
 *
 * <table>
 *   <caption>Renderings</caption>
 *   <tr><th>value</th><th>JSON</th></tr>
 *   <tr><td>null, String, Boolean, Integer/Long/Short/Byte, BigInteger, BigDecimal</td><td>native</td></tr>
 *   <tr><td>Double/Float</td><td>number; NaN and infinities as strings ({@code "NaN"})</td></tr>
 *   <tr><td>Date, Calendar, Instant, other java.time values</td><td>ISO-8601 string ({@code toString()} of
 *   java.time; Date and Calendar as an Instant, UTC)</td></tr>
 *   <tr><td>UUID, Character, CharSequence</td><td>string</td></tr>
 *   <tr><td>Enum</td><td>its {@code name()}</td></tr>
 *   <tr><td>byte[]</td><td>base64 string (standard alphabet, padded)</td></tr>
 *   <tr><td>other arrays, Iterable</td><td>array</td></tr>
 *   <tr><td>Map</td><td>object, keys as text</td></tr>
 *   <tr><td>record</td><td>object of its components</td></tr>
 *   <tr><td>Optional</td><td>its value, or null</td></tr>
 *   <tr><td>anything else</td><td>string of {@code toString()} ({@link SafeText})</td></tr>
 * </table>
 *
 * <p>Nesting deeper than {@value #MAX_DEPTH} levels is rendered as text. In {@code textOnly} mode, used when a
 * structured rendering threw (a Map changed during iteration, a record accessor failed), every non-scalar is
 * rendered as text. Stateless and thread-safe.
 */
public final class JsonValueWriter {

    /** Containers nested deeper than this are rendered as their text; also stops self-referencing structures. */
    public static final int MAX_DEPTH = 8;

    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].trySetAccessible();
            }
            return accessors;
        }
    };

    private JsonValueWriter() {}

    /**
     * Writes {@code value} as the next JSON value.
     *
     * @param textOnly render every non-scalar as its text: the fallback when a structured rendering threw
     */
    public static void write(JsonGenerator g, Object value, boolean textOnly) throws IOException {
        write(g, value, textOnly, 0);
    }

    private static void write(JsonGenerator g, Object value, boolean textOnly, int depth) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString(WellFormed.of((String) value));
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long) {
            g.writeNumber((Long) value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeString(value.toString());
            } else if (value instanceof Float) {
                g.writeNumber((Float) value);
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof Enum) {
            g.writeString(((Enum<?>) value).name());
        } else if (value instanceof UUID) {
            g.writeString(value.toString());
        } else if (value instanceof Character || value instanceof CharSequence) {
            g.writeString(WellFormed.of(value.toString()));
        } else if (value instanceof Instant || value instanceof TemporalAccessor) {
            g.writeString(value.toString());
        } else if (value instanceof Date) {
            g.writeString(Instant.ofEpochMilli(((Date) value).getTime()).toString());
        } else if (value instanceof Calendar) {
            g.writeString(((Calendar) value).toInstant().toString());
        } else if (value instanceof byte[]) {
            g.writeBinary((byte[]) value);
        } else if (value instanceof Optional) {
            write(g, ((Optional<?>) value).orElse(null), textOnly, depth);
        } else if (textOnly || depth >= MAX_DEPTH) {
            g.writeString(WellFormed.of(SafeText.of(value)));
        } else if (value.getClass().isArray()) {
            writeArray(g, value, depth);
        } else if (value instanceof Iterable) {
            g.writeStartArray();
            for (Object element : (Iterable<?>) value) {
                write(g, element, false, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(WellFormed.of(SafeText.of(e.getKey())));
                write(g, e.getValue(), false, depth + 1);
            }
            g.writeEndObject();
        } else if (value instanceof Record) {
            writeRecord(g, value, depth);
        } else {
            g.writeString(WellFormed.of(SafeText.of(value)));
        }
    }

    private static void writeArray(JsonGenerator g, Object array, int depth) throws IOException {
        int length = Array.getLength(array);
        g.writeStartArray();
        for (int i = 0; i < length; i++) {
            write(g, Array.get(array, i), false, depth + 1);
        }
        g.writeEndArray();
    }

    private static void writeRecord(JsonGenerator g, Object record, int depth) throws IOException {
        Method[] accessors = RECORD_ACCESSORS.get(record.getClass());
        g.writeStartObject();
        for (Method accessor : accessors) {
            g.writeFieldName(accessor.getName());
            Object component;
            try {
                component = accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("record component " + accessor.getName() + " failed", e);
            }
            write(g, component, false, depth + 1);
        }
        g.writeEndObject();
    }
}
