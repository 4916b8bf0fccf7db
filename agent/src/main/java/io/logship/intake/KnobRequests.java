package io.logship.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the knob routes' JSON bodies to {@link Knobs}:
 * {@code POST /_knobs/fail {"count":N,"status":429,"retry_after":"2"}} and
 * {@code POST /_knobs/delay {"millis":5000}}.
 *
 * <p><b>Failure mode:</b> a body that is not a flat JSON object of the expected fields, or a value out of range →
 * {@link IntakeException} 400 naming the field.
 */
final class KnobRequests {
    /** The largest knob body read; knob bodies are a few dozen bytes. */
    static final int MAX_KNOB_BODY_BYTES = 4096;

    private static final JsonFactory FACTORY = new JsonFactory();

    private KnobRequests() {}

    static void fail(Knobs knobs, ByteBuf body) throws IntakeException {
        Map<String, String> fields = read(body, Set.of("count", "status", "retry_after"));
        int count = integer(fields, "count", 1);
        int status = integer(fields, "status", 503);
        Optional<Duration> retryAfter = fields.containsKey("retry_after")
                ? Optional.of(Duration.ofSeconds(integer(fields, "retry_after", 0)))
                : Optional.empty();
        apply(() -> knobs.failNext(count, status, retryAfter));
    }

    static void delay(Knobs knobs, ByteBuf body) throws IntakeException {
        Map<String, String> fields = read(body, Set.of("millis"));
        if (!fields.containsKey("millis")) {
            throw new IntakeException(400, "field 'millis' is required");
        }
        int millis = integer(fields, "millis", 0);
        apply(() -> knobs.delay(Duration.ofMillis(millis)));
    }

    private static void apply(Runnable change) throws IntakeException {
        try {
            change.run();
        } catch (IllegalArgumentException e) {
            throw new IntakeException(400, e.getMessage());
        }
    }

    private static Map<String, String> read(ByteBuf body, Set<String> allowed) throws IntakeException {
        if (body.readableBytes() > MAX_KNOB_BODY_BYTES) {
            throw new IntakeException(413, "knob body larger than " + MAX_KNOB_BODY_BYTES + " bytes");
        }
        Map<String, String> fields = new HashMap<>();
        if (body.readableBytes() == 0) {
            return fields;
        }
        try (JsonParser parser = FACTORY.createParser((InputStream) new ByteBufInputStream(body.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IntakeException(400, "knob body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!allowed.contains(name)) {
                    throw new IntakeException(400, "unknown field '" + name + "': expected one of " + allowed);
                }
                if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                    throw new IntakeException(400, "field '" + name + "' must be a number or a string");
                }
                fields.put(name, parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IntakeException(400, "knob body has content after the JSON object");
            }
            return fields;
        } catch (IOException e) {
            throw new IntakeException(400, "knob body is not valid JSON");
        }
    }

    private static int integer(Map<String, String> fields, String name, int defaultValue) throws IntakeException {
        String value = fields.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IntakeException(400, "field '" + name + "' must be an integer: '" + value + "'");
        }
    }
}
