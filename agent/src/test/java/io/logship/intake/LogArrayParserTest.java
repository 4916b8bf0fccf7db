package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogArrayParserTest {
    private final LogArrayParser parser = new LogArrayParser();

    private static DecodedBody body(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 7); // only `length` bytes count
        return new DecodedBody(padded, bytes.length);
    }

    @Test
    void keepsEachObjectsExactJsonAsAByteRange() throws IntakeException {
        String json = " [ {\"message\":\"ü\\n\",\"a\":{\"b\":[1,{\"c\":2}]}} ,\n{\"message\":{\"nested\":true}} ] ";
        DecodedBody body = body(json);

        List<ParsedRecord> records = parser.parse(body);

        assertThat(records).hasSize(2);
        assertThat(slice(body, records.get(0))).isEqualTo("{\"message\":\"ü\\n\",\"a\":{\"b\":[1,{\"c\":2}]}}");
        assertThat(records.get(0).message()).isEqualTo("ü\n");
        assertThat(slice(body, records.get(1))).isEqualTo("{\"message\":{\"nested\":true}}");
        assertThat(records.get(1).message()).isEqualTo("{\"nested\":true}");
    }

    @Test
    void readsReservedAttributesOnlyAtTopLevel() throws IntakeException {
        ParsedRecord record = parser.parse(body("[{\"x\":{\"service\":\"inner\"},\"service\":\"outer\","
                        + "\"status\":null,\"hostname\":42,\"ddtags\":[\"a\"]}]"))
                .get(0);

        assertThat(record.service()).isEqualTo("outer");
        assertThat(record.status()).isNull();
        assertThat(record.hostname()).isEqualTo("42");
        assertThat(record.ddtags()).isNull();
        assertThat(record.message()).isNull();
    }

    @Test
    void readsTimestampsInEachAcceptedForm() throws IntakeException {
        List<ParsedRecord> records = parser.parse(body("[{\"timestamp\":1701874333582},"
                + "{\"timestamp\":\"1701874333583\"},{\"timestamp\":\"2023-12-06T14:52:13.584Z\"},"
                + "{\"timestamp\":\"2023-12-06T15:52:13.585+01:00\"},{\"timestamp\":\"yesterday\"},"
                + "{\"timestamp\":1701874333586.9},{\"timestamp\":123456789012345678901234567890}]"));

        assertThat(records)
                .extracting(ParsedRecord::timestampMillis)
                .containsExactly(
                        1701874333582L, 1701874333583L, 1701874333584L, 1701874333585L, null, 1701874333586L, null);
    }

    @Test
    void countAgreesWithParse() throws IntakeException {
        DecodedBody body = body("[{},{\"a\":[{},{}]},{\"message\":\"m\"}]");

        assertThat(parser.count(body)).isEqualTo(3).isEqualTo(parser.parse(body).size());
    }

    @Test
    void countValidatesAsStrictlyAsParse() throws IntakeException {
        assertThatThrownBy(() -> parser.count(body("[{},{\"a\":]}]")))
                .isInstanceOf(IntakeException.class)
                .hasMessageStartingWith("malformed JSON: Unexpected character (']'");
        assertThatThrownBy(() -> parser.count(body("[{},1]")))
                .hasMessage("array element 1 is a number: expected a JSON object");
        assertThatThrownBy(() -> parser.count(body("[{}]x")))
                .hasMessageStartingWith("malformed JSON: Unrecognized token 'x'");
    }

    @Test
    void refusesNestingBeyondJacksonsLimit() throws IntakeException {
        String deep = "[{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}]";

        assertThatThrownBy(() -> parser.count(body(deep)))
                .isInstanceOf(IntakeException.class)
                .hasMessageStartingWith("JSON exceeds a parser limit: ");
    }

    @Test
    void ignoresBytesPastTheLength() throws IntakeException {
        byte[] bytes = "[{}]garbage".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.count(new DecodedBody(bytes, 4))).isEqualTo(1);
    }

    private static String slice(DecodedBody body, ParsedRecord record) {
        return new String(
                body.bytes(), record.jsonStart(), record.jsonEnd() - record.jsonStart(), StandardCharsets.UTF_8);
    }
}
