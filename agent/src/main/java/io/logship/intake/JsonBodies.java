package io.logship.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the intake's JSON answers with Jackson's generator (never by string concatenation). */
final class JsonBodies {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBodies() {}

    /** A body-writing step that may throw Jackson's {@link IOException}. */
    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /** {@code {"errors":[message]}}, the shape the Datadog intake and fakeintake use. */
    static byte[] error(String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("errors");
            json.writeString(message);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"count":n,"records":[...]}}, each record with its attributes and its full JSON under "json". */
    static byte[] records(List<StoredRecord> records) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("count", records.size());
            json.writeArrayFieldStart("records");
            for (StoredRecord record : records) {
                json.writeStartObject();
                json.writeNumberField("id", record.id());
                json.writeStringField("received_at", record.receivedAt().toString());
                json.writeStringField("timestamp", record.timestamp().toString());
                json.writeStringField("route", record.route());
                writeNullable(json, "service", record.service());
                writeNullable(json, "status", record.status());
                writeNullable(json, "hostname", record.hostname());
                writeNullable(json, "ddsource", record.ddsource());
                writeNullable(json, "ddtags", record.ddtags());
                writeNullable(json, "message", record.message());
                json.writeFieldName("json");
                json.writeRawValue(record.json()); // validated JSON object, stored as received
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"count":n}}. */
    static byte[] count(long count) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("count", count);
            json.writeEndObject();
        });
    }

    /** The answer of {@code GET /api/stats}. */
    static byte[] stats(IntakeStatus status) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("mode", status.mode().name().toLowerCase(Locale.ROOT));
            json.writeNumberField("records_accepted", status.recordsAccepted());
            json.writeNumberField("bytes_accepted", status.bytesAccepted());
            json.writeNumberField("records_stored", status.recordsStored());
            json.writeNumberField("stored_bytes", status.storedBytes());
            json.writeNumberField("records_expired", status.recordsExpired());
            json.writeObjectFieldStart("probe");
            json.writeNumberField("count", status.probeCount());
            json.writeNumberField("p50_us", status.probeP50Micros());
            json.writeNumberField("p99_us", status.probeP99Micros());
            json.writeNumberField("max_us", status.probeMaxMicros());
            json.writeEndObject();
            json.writeObjectFieldStart("routes");
            for (Map.Entry<String, Map<Integer, Long>> route : status.routes().entrySet()) {
                json.writeObjectFieldStart(route.getKey());
                for (Map.Entry<Integer, Long> byStatus : route.getValue().entrySet()) {
                    json.writeNumberField(String.valueOf(byStatus.getKey()), byStatus.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The answer of the knob routes: what is armed now. */
    static byte[] knobs(Knobs knobs) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("fail_remaining", knobs.remainingFailures());
            json.writeNumberField("delay_millis", knobs.currentDelay().toMillis());
            json.writeEndObject();
        });
    }

    /** {@code {"status":"ok"}}. */
    static byte[] health() {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeEndObject();
        });
    }

    /** {@code {"deleted":n}}. */
    static byte[] deleted(long deleted) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("deleted", deleted);
            json.writeEndObject();
        });
    }

    private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e); // a ByteArrayOutputStream never fails
        }
        return out.toByteArray();
    }
}
