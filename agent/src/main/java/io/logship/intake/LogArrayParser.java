package io.logship.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a decoded body is a JSON array of objects, and either counts the objects ({@link #count}) or extracts
 * their reserved attributes ({@link #parse}).
 *
 * <p>Both passes are one Jackson streaming read over the bytes. {@link #count} allocates nothing per record (it
 * skips each object's tokens), which keeps discard mode cheap; {@link #parse} keeps each object's full JSON as a
 * byte range of the body instead of re-serializing it.
 *
 * <p><b>Failure mode:</b> any deviation (malformed JSON, trailing content, a non-array body, an element that is not
 * an object, nesting deeper than Jackson's limit) → {@link IntakeException} 400 naming what was found and where.
 *
 * <p>Thread-safe: the {@link JsonFactory} is shared, parsers are per call.
 */
final class LogArrayParser {
    private final JsonFactory factory = new JsonFactory();

    /** Validates the body and returns the number of objects in the array. */
    int count(DecodedBody body) throws IntakeException {
        return count(body, null, 0);
    }

    /**
     * Validates the body and returns the number of objects in the array; each object with a top-level integer
     * {@value ProbeHistogram#FIELD} adds {@code receivedMicros} minus that value to {@code probes} (when not null).
     * Top-level fields are walked instead of skipping the whole object: the same tokens, no allocation.
     */
    int count(DecodedBody body, ProbeHistogram probes, long receivedMicros) throws IntakeException {
        try (JsonParser parser = open(body)) {
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                requireObject(token, count);
                if (probes == null) {
                    parser.skipChildren();
                } else {
                    countProbe(parser, probes, receivedMicros);
                }
                count++;
            }
            requireEnd(parser);
            return count;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static void countProbe(JsonParser parser, ProbeHistogram probes, long receivedMicros) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName(); // canonical (shared) string: no allocation
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT
                    && ProbeHistogram.FIELD.equals(name)
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                probes.record(receivedMicros - parser.getLongValue());
            } else {
                parser.skipChildren();
            }
        }
    }

    /** Validates the body and returns its objects in order. */
    List<ParsedRecord> parse(DecodedBody body) throws IntakeException {
        try (JsonParser parser = open(body)) {
            List<ParsedRecord> records = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                requireObject(token, records.size());
                records.add(readObject(parser, body));
            }
            requireEnd(parser);
            return records;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private JsonParser open(DecodedBody body) throws IOException, IntakeException {
        JsonParser parser = factory.createParser(body.bytes(), 0, body.length());
        JsonToken first = parser.nextToken();
        if (first == null) {
            parser.close();
            throw new IntakeException(400, "body is empty: expected a JSON array of objects");
        }
        if (first != JsonToken.START_ARRAY) {
            parser.close();
            throw new IntakeException(400, "body is not a JSON array: it starts with " + describe(first));
        }
        return parser;
    }

    private static void requireObject(JsonToken token, int index) throws IntakeException {
        if (token == null) {
            throw new IntakeException(400, "malformed JSON: the array is not closed");
        }
        if (token != JsonToken.START_OBJECT) {
            throw new IntakeException(
                    400, "array element " + index + " is " + describe(token) + ": expected a JSON object");
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException, IntakeException {
        JsonToken extra = parser.nextToken();
        if (extra != null) {
            throw new IntakeException(400, "malformed JSON: unexpected " + describe(extra) + " after the array");
        }
    }

    private static ParsedRecord readObject(JsonParser parser, DecodedBody body) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        String message = null;
        String status = null;
        String service = null;
        String hostname = null;
        String ddsource = null;
        String ddtags = null;
        Long timestamp = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "message":
                    message = value.isStructStart() ? rawValue(parser, body) : scalar(parser, value);
                    continue;
                case "status":
                    status = scalar(parser, value);
                    break;
                case "service":
                    service = scalar(parser, value);
                    break;
                case "hostname":
                    hostname = scalar(parser, value);
                    break;
                case "ddsource":
                    ddsource = scalar(parser, value);
                    break;
                case "ddtags":
                    ddtags = scalar(parser, value);
                    break;
                case "timestamp":
                    timestamp = timestamp(parser, value);
                    break;
                default:
                    break;
            }
            parser.skipChildren();
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new ParsedRecord(message, status, service, hostname, ddsource, ddtags, timestamp, start, end);
    }

    private static String scalar(JsonParser parser, JsonToken value) throws IOException {
        return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
    }

    /** The raw JSON text of the object or array the parser stands on; leaves the parser on its end token. */
    private static String rawValue(JsonParser parser, DecodedBody body) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        return new String(body.bytes(), start, end - start, StandardCharsets.UTF_8);
    }

    /** Epoch milliseconds from a number, a numeric string or an ISO-8601 string; {@code null} otherwise. */
    private static Long timestamp(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            // Out of long range is a valid JSON number but no usable time: the receive time is used instead.
            return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) parser.getDoubleValue();
        }
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        return Timestamps.parseMillis(parser.getText());
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    private static IntakeException malformed(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new IntakeException(400, "JSON exceeds a parser limit: " + e.getMessage());
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = detail.indexOf('\n');
        return new IntakeException(400, "malformed JSON: " + (newline < 0 ? detail : detail.substring(0, newline)));
    }
}
