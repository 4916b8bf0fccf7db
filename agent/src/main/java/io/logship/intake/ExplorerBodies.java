package io.logship.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.intake.search.Facet;
import io.logship.intake.search.Histogram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes the explorer routes' JSON answers ({@link ExplorerRoutes}) with Jackson's generator. */
final class ExplorerBodies {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** The status shown for a record stored without one (Datadog's default), as the index counts it. */
    static final String DEFAULT_STATUS = "info";

    private ExplorerBodies() {}

    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    /** {@code {"error": message}}. */
    static byte[] error(String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    static byte[] search(long total, List<StoredRecord> records, String nextCursor, long tookMillis) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("total", total);
            writeRecords(json, records);
            if (nextCursor == null) {
                json.writeNullField("next_cursor");
            } else {
                json.writeStringField("next_cursor", nextCursor);
            }
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        });
    }

    static byte[] tail(List<StoredRecord> records, long lastId) {
        return write(json -> {
            json.writeStartObject();
            writeRecords(json, records);
            json.writeNumberField("last_id", lastId);
            json.writeEndObject();
        });
    }

    static byte[] facets(List<Facet> facets, long tookMillis) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("facets");
            for (Facet facet : facets) {
                json.writeStartObject();
                json.writeStringField("name", facet.name());
                json.writeArrayFieldStart("values");
                for (Facet.Value value : facet.values()) {
                    json.writeStartObject();
                    json.writeStringField("value", value.value());
                    json.writeNumberField("count", value.count());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        });
    }

    static byte[] histogram(Histogram histogram, long tookMillis) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("interval_ms", histogram.intervalMs());
            json.writeArrayFieldStart("buckets");
            for (Histogram.Bucket bucket : histogram.buckets()) {
                json.writeStartObject();
                json.writeNumberField("start", bucket.start());
                json.writeObjectFieldStart("counts");
                for (Map.Entry<String, Long> count : bucket.counts().entrySet()) {
                    json.writeNumberField(count.getKey(), count.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        });
    }

    static byte[] summary(
            long storedRecords,
            long storedBytes,
            long expiredRecords,
            Long oldest,
            Long newest,
            long maxBytes,
            long maxAgeMillis) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("stored_records", storedRecords);
            json.writeNumberField("stored_bytes", storedBytes);
            json.writeNumberField("expired_records", expiredRecords);
            writeNullableNumber(json, "oldest", oldest);
            writeNullableNumber(json, "newest", newest);
            json.writeNumberField("max_bytes", maxBytes);
            json.writeNumberField("max_age_ms", maxAgeMillis);
            json.writeEndObject();
        });
    }

    private static void writeRecords(JsonGenerator json, List<StoredRecord> records) throws IOException {
        json.writeArrayFieldStart("records");
        for (StoredRecord record : records) {
            json.writeStartObject();
            json.writeNumberField("id", record.id());
            json.writeNumberField("timestamp", record.timestamp().toEpochMilli());
            json.writeNumberField("received_at", record.receivedAt().toEpochMilli());
            json.writeStringField("status", record.status() == null ? DEFAULT_STATUS : record.status());
            writeNullable(json, "service", record.service());
            writeNullable(json, "host", record.hostname());
            writeNullable(json, "source", record.ddsource());
            writeNullable(json, "message", record.message());
            json.writeFieldName("attributes");
            json.writeRawValue(record.json()); // validated JSON object, stored as received
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static void writeNullableNumber(JsonGenerator json, String name, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e); // a ByteArrayOutputStream never fails
        }
        return out.toByteArray();
    }
}
