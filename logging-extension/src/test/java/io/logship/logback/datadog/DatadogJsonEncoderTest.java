package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logship.logback.encoder.JsonEncoder;
import io.logship.logback.encoder.RecordBuffer;
import io.logship.schema.ReservedAttributes;
import io.logship.schema.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class DatadogJsonEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("app.Worker");

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private final RecordBuffer buffer = new RecordBuffer();
    private final DatadogJsonEncoder encoder =
            new DatadogJsonEncoder(buffer, "checkout", "web-1", "java", "env:prod,version:1.2");

    private LoggingEvent event(Level level, String message, Throwable error, KeyValuePair... pairs) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, error, null);
        e.setTimeStamp(1_764_034_798_123L); // 2025-11-25T01:39:58.123Z
        e.setThreadName("worker-7");
        for (KeyValuePair kv : pairs) {
            e.addKeyValuePair(kv);
        }
        return e;
    }

    private String encode(LoggingEvent e) throws IOException {
        buffer.reset();
        encoder.encode(e, Integer.MAX_VALUE);
        return new String(buffer.copy(0, buffer.size()), StandardCharsets.UTF_8);
    }

    private JsonNode parse(String line) throws IOException {
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        return JSON.readTree(line);
    }

    @Test
    void writesEveryDatadogStandardAttribute() throws Exception {
        LoggingEvent e = event(Level.WARN, "paid", null, new KeyValuePair("user", "jd"), new KeyValuePair("n", 3));

        JsonNode json = parse(encode(e));

        assertThat(json.get(ReservedAttributes.MESSAGE).asText()).isEqualTo("paid");
        assertThat(json.get(ReservedAttributes.TIMESTAMP).asText()).isEqualTo("2025-11-25T01:39:58.123Z");
        assertThat(json.get(ReservedAttributes.STATUS).asText()).isEqualTo("warn");
        assertThat(json.at("/logger/name").asText()).isEqualTo("app.Worker");
        assertThat(json.at("/logger/thread_name").asText()).isEqualTo("worker-7");
        assertThat(json.get(DatadogJsonEncoder.FIELD_SERVICE).asText()).isEqualTo("checkout");
        assertThat(json.get(DatadogJsonEncoder.FIELD_HOST).asText()).isEqualTo("web-1");
        assertThat(json.get(DatadogJsonEncoder.FIELD_SOURCE).asText()).isEqualTo("java");
        assertThat(json.get(DatadogJsonEncoder.FIELD_TAGS).asText()).isEqualTo("env:prod,version:1.2");
        assertThat(json.get("user").asText()).isEqualTo("jd");
        assertThat(json.get("n").asInt()).isEqualTo(3);
        assertThat(json.has(ReservedAttributes.ERROR)).isFalse();
        assertThat(json.size()).isEqualTo(10);
    }

    @Test
    void rendersValuesLikeTheJsonOutputAndKeepsARecordWhoseValueFailsToRender() throws Exception {
        Map<String, Integer> changing = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Integer>> entrySet() {
                throw new ConcurrentModificationException();
            }

            @Override
            public String toString() {
                return "{changing}";
            }
        };
        LoggingEvent e = event(
                Level.INFO,
                "m",
                null,
                new KeyValuePair("at", Instant.parse("2026-11-25T10:00:00Z")),
                new KeyValuePair("bytes", new byte[] {1, 2, 3}),
                new KeyValuePair("map", changing));

        JsonNode json = parse(encode(e));

        assertThat(json.get("at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("bytes").asText()).isEqualTo("AQID");
        assertThat(json.get("map").asText()).isEqualTo("{changing}");
        assertThat(json.get("message").asText()).isEqualTo("m");
    }

    @Test
    void statusIsTheLevelInTheVocabularySharedWithTheAgent() throws Exception {
        for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            JsonNode json = parse(encode(event(level, "m", null)));

            assertThat(json.get("status").asText())
                    .isEqualTo(Status.ofLevelName(level.levelStr).wireName());
        }
        assertThat(parse(encode(event(Level.TRACE, "m", null))).get("status").asText())
                .isEqualTo("debug");
        assertThat(parse(encode(event(Level.WARN, "m", null))).get("status").asText())
                .isEqualTo("warn");
    }

    @Test
    void reservedNamesAreTheSharedDefinition() {
        assertThat(DatadogJsonEncoder.RESERVED_FIELDS)
                .contains(
                        ReservedAttributes.MESSAGE,
                        ReservedAttributes.STATUS,
                        ReservedAttributes.TIMESTAMP,
                        ReservedAttributes.SERVICE,
                        ReservedAttributes.HOST,
                        ReservedAttributes.DDSOURCE,
                        ReservedAttributes.DDTAGS,
                        ReservedAttributes.ERROR_KIND,
                        ReservedAttributes.ERROR_MESSAGE,
                        ReservedAttributes.ERROR_STACK,
                        ReservedAttributes.LOGGER_NAME,
                        ReservedAttributes.LOGGER_THREAD_NAME);
    }

    @Test
    void writesErrorKindMessageAndFullStackWithCauses() throws Exception {
        IllegalStateException cause = new IllegalStateException("disk full");
        UncheckedIOException error = new UncheckedIOException("write failed", new IOException("io", cause));

        JsonNode json = parse(encode(event(Level.ERROR, "boom", error)));

        assertThat(json.at("/error/kind").asText()).isEqualTo("java.io.UncheckedIOException");
        assertThat(json.at("/error/message").asText()).isEqualTo("write failed");
        String stack = json.at("/error/stack").asText();
        assertThat(stack)
                .startsWith("java.io.UncheckedIOException: write failed")
                .contains("\tat io.logship.logback.datadog.DatadogJsonEncoderTest")
                .contains("Caused by: java.io.IOException: io")
                .contains("Caused by: java.lang.IllegalStateException: disk full");
    }

    @Test
    void leavesOutANullErrorMessageAndEndsTheStackWithoutALineBreak() throws Exception {
        JsonNode json = parse(encode(event(Level.ERROR, "boom", new IllegalStateException())));

        assertThat(json.get("error").has("message")).isFalse();
        assertThat(json.at("/error/kind").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.at("/error/stack").asText())
                .startsWith("java.lang.IllegalStateException\n\tat ")
                .doesNotEndWith("\n");
    }

    @Test
    void writesTheSameRecordAsTheJsonOutputWithDatadogNamesAndStaticFields() throws Exception {
        LoggingEvent e = event(Level.WARN, "same", new IllegalStateException("x"), new KeyValuePair("user", "jd"));
        JsonEncoder plain = new JsonEncoder();
        plain.setContext(context);
        plain.start();

        ObjectNode datadog = (ObjectNode) parse(encode(e));
        ObjectNode json = (ObjectNode) JSON.readTree(plain.encode(e));

        JsonNode logger = datadog.remove("logger");
        assertThat(logger.get("name").asText()).isEqualTo(json.remove("logger").asText());
        assertThat(logger.get("thread_name").asText())
                .isEqualTo(json.remove("thread").asText());
        datadog.remove(List.of("service", "host", "ddsource", "ddtags"));
        assertThat(datadog).isEqualTo(json);
    }

    @Test
    void keepsCollidingUserKeysUnderThePrefixedName() throws Exception {
        LoggingEvent e = event(
                Level.INFO,
                "real message",
                null,
                new KeyValuePair("status", "paid"),
                new KeyValuePair("message", "user text"),
                new KeyValuePair("kv.status", "taken"),
                new KeyValuePair("logger.name", "x"),
                new KeyValuePair("service", "user-svc"),
                new KeyValuePair("timestamp", 5));

        JsonNode json = parse(encode(e));

        assertThat(json.get("status").asText()).isEqualTo("info");
        assertThat(json.get("message").asText()).isEqualTo("real message");
        assertThat(json.get("service").asText()).isEqualTo("checkout");
        assertThat(json.get("kv.status").asText()).isEqualTo("taken");
        assertThat(json.get("kv.kv.status").asText()).isEqualTo("paid");
        assertThat(json.get("kv.message").asText()).isEqualTo("user text");
        assertThat(json.get("kv.logger.name").asText()).isEqualTo("x");
        assertThat(json.get("kv.service").asText()).isEqualTo("user-svc");
        assertThat(json.get("kv.timestamp").asInt()).isEqualTo(5);
    }

    @Test
    void writesUnicodeAsUtf8NotEscapes() throws Exception {
        String text = "caf\u00e9 \u65e5\u672c\u8a9e \uD83D\uDE00";

        String line = encode(event(Level.INFO, text, null, new KeyValuePair("k\u00e9", text)));

        assertThat(line).contains(text).doesNotContain("\\u");
        assertThat(parse(line).get("k\u00e9").asText()).isEqualTo(text);
    }

    @Test
    void replacesLoneSurrogatesSoTheLineIsValidUtf8() throws Exception {
        String broken = "a\uD83Db\uDE00c";

        String line = encode(event(Level.INFO, broken, null, new KeyValuePair("k\uD800", broken)));

        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        JsonNode json = parse(line);
        assertThat(json.get("message").asText()).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(json.get("k\uFFFD").asText()).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void rendersValueTypes() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of(true, "x"));
        Object throwing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };

        JsonNode json = parse(encode(event(
                Level.INFO,
                "m",
                null,
                new KeyValuePair("null", null),
                new KeyValuePair("d", 1.5),
                new KeyValuePair("nan", Double.NaN),
                new KeyValuePair("b", false),
                new KeyValuePair("map", map),
                new KeyValuePair("big", new BigDecimal("1.10")),
                new KeyValuePair("level", Level.INFO),
                new KeyValuePair("enum", Protocol.UDP),
                new KeyValuePair("bad", throwing))));

        assertThat(json.get("null").isNull()).isTrue();
        assertThat(json.get("d").asDouble()).isEqualTo(1.5);
        assertThat(json.get("nan").asText()).isEqualTo("NaN");
        assertThat(json.get("b").isBoolean()).isTrue();
        assertThat(json.at("/map/a").asInt()).isEqualTo(1);
        assertThat(json.at("/map/b/1").asText()).isEqualTo("x");
        assertThat(json.get("big").decimalValue()).isEqualByComparingTo("1.10");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("enum").asText()).isEqualTo("UDP");
        assertThat(json.get("bad").asText()).startsWith("<toString() threw");
    }

    @Test
    void truncatesMessageAndStackToTheGivenChars() throws Exception {
        LoggingEvent e = event(Level.ERROR, "x".repeat(5000), new RuntimeException("r"));
        buffer.reset();

        encoder.encode(e, 100);

        JsonNode json = parse(new String(buffer.copy(0, buffer.size()), StandardCharsets.UTF_8));
        assertThat(json.get("message").asText()).isEqualTo("x".repeat(100) + DatadogJsonEncoder.TRUNCATION_MARK);
        assertThat(json.at("/error/stack").asText()).hasSize(100 + DatadogJsonEncoder.TRUNCATION_MARK.length());
    }

    @Test
    void leavesOutUnknownStaticFields() throws Exception {
        DatadogJsonEncoder bare = new DatadogJsonEncoder(buffer, null, "", "java", null);
        buffer.reset();

        bare.encode(event(Level.INFO, "m", null), Integer.MAX_VALUE);

        JsonNode json = parse(new String(buffer.copy(0, buffer.size()), StandardCharsets.UTF_8));
        assertThat(json.has("service")).isFalse();
        assertThat(json.has("host")).isFalse();
        assertThat(json.has("ddtags")).isFalse();
        assertThat(json.get("ddsource").asText()).isEqualTo("java");
    }

    @Test
    void encodesManyRecordsAsSeparateLines() throws Exception {
        buffer.reset();
        for (int i = 0; i < 3; i++) {
            encoder.encode(event(Level.INFO, "m" + i, null), Integer.MAX_VALUE);
        }

        String[] lines = new String(buffer.copy(0, buffer.size()), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(3);
        List<String> messages = new ArrayList<>();
        for (String l : lines) {
            messages.add(JSON.readTree(l).get("message").asText());
        }
        assertThat(messages).containsExactly("m0", "m1", "m2");
    }

    @Test
    void dropReportCarriesTheCounters() throws Exception {
        DeliveryStats stats = new DeliveryStats();
        stats.dropped(DeliveryStats.DropReason.QUEUE_FULL, 7);
        buffer.reset();

        encoder.encodeDropReport(7, stats, "the.Logger", 0L);

        JsonNode json = parse(new String(buffer.copy(0, buffer.size()), StandardCharsets.UTF_8));
        assertThat(json.get("status").asText()).isEqualTo("warn");
        assertThat(json.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(json.at("/logship/dropped").asLong()).isEqualTo(7);
        assertThat(json.at("/logship/dropped_queue_full").asLong()).isEqualTo(7);
        assertThat(json.get("message").asText()).contains("dropped 7 records");
    }

    @Test
    void estimateGrowsWithMessageValuesAndStack() {
        int small = DatadogJsonEncoder.estimateBytes(event(Level.INFO, "m", null));
        int withMessage = DatadogJsonEncoder.estimateBytes(event(Level.INFO, "m".repeat(1000), null));
        int withValue =
                DatadogJsonEncoder.estimateBytes(event(Level.INFO, "m", null, new KeyValuePair("k", "v".repeat(1000))));
        int withStack = DatadogJsonEncoder.estimateBytes(event(Level.INFO, "m", new RuntimeException("x")));

        assertThat(withMessage - small).isEqualTo(999);
        assertThat(withValue - small).isGreaterThanOrEqualTo(1000);
        assertThat(withStack - small).isGreaterThan(DatadogJsonEncoder.ESTIMATE_FRAME_BYTES * 5);
    }
}
