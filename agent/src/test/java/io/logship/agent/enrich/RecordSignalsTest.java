package io.logship.agent.enrich;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The record's own status, message, time, host, service, trace ids and errors, read from JSON and text lines. */
class RecordSignalsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 2026-11-27T12:00:00Z */
    private static final long NOW = 1_795_780_800_000L;

    private final Enricher enricher =
            new Enricher(new SourceFields("agent-host", "agent-svc", "java", ""), () -> NOW, new JsonFactory());

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"level\":\"error\"}|error",
                "{\"level\":\"ERROR\"}|error",
                "{\"level\":\"Err\"}|error",
                "{\"severity\":\"WARNING\"}|warn",
                "{\"levelname\":\"CRITICAL\"}|critical",
                "{\"loglevel\":\"crit\"}|critical",
                "{\"level\":\"FATAL\"}|emergency",
                "{\"level\":\"emerg\"}|emergency",
                "{\"level\":\"alert\"}|alert",
                "{\"level\":\"notice\"}|notice",
                "{\"level\":\"Information\"}|info",
                "{\"level\":\"DEBUG\"}|debug",
                "{\"level\":\"TRACE\"}|debug",
                "{\"level\":\"verbose\"}|debug",
                "{\"level\":3}|error",
                "{\"level\":7}|debug",
                "{\"level\":60}|emergency",
                "{\"level\":50}|error",
                "{\"level\":40}|warn",
                "{\"level\":30}|info",
                "{\"level\":20}|debug",
                "{\"level\":10}|debug",
                "{\"level\":\"4\"}|warn",
                "{\"log.level\":\"WARN\"}|warn",
                "{\"log\":{\"level\":\"ERROR\",\"logger\":\"x\"}}|error",
                "{\"syslog\":{\"severity\":2}}|critical",
                "{\"syslog.severity\":5}|notice",
                "{\"@l\":\"Warning\"}|warn",
                "{\"level\":\"garbage\",\"severity\":\"error\"}|error",
                "{\"severity\":\"error\",\"level\":\"debug\"}|error",
                "{\"msg\":\"no level at all\"}|info",
            })
    void statusFromTheLevelNamesLoggersUse(String line, String status) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("status").asText()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"level\":\"garbage\"}",
                "{\"level\":\"\"}",
                "{\"level\":true}",
                "{\"level\":null}",
                "{\"level\":{\"name\":\"error\"}}",
                "{\"level\":[\"error\"]}",
                "{\"level\":-3}",
                "{\"level\":3.5}",
                "{\"level\":1e2}",
                "{\"level\":99999999999999999999999999}",
                "{\"level\":\"errrrrrrror of the world\"}",
            })
    void unknownOrNonStringLevelKeepsTheRecordAsInfoWithTheOriginal(String line) throws Exception {
        JsonNode original = MAPPER.readTree(line);

        JsonNode record = enrichJson(line);

        assertThat(record.get("status").asText()).isEqualTo("info");
        assertThat(record.get("level")).isEqualTo(original.get("level"));
    }

    @Test
    void ownStatusThatIsNotCanonicalIsRewrittenAndKept() throws Exception {
        JsonNode record = enrichJson("{\"status\":\"WARNING\",\"message\":\"m\"}");

        assertThat(record.get("status").asText()).isEqualTo("warn");
        assertThat(record.get("status_original").asText()).isEqualTo("WARNING");
    }

    @Test
    void ownUnknownStatusBecomesInfoAndIsKept() throws Exception {
        JsonNode record = enrichJson("{\"status\":\"garbage\"}");

        assertThat(record.get("status").asText()).isEqualTo("info");
        assertThat(record.get("status_original").asText()).isEqualTo("garbage");
    }

    @Test
    void canonicalOwnStatusIsKeptByteForByte() {
        String line = "{\"status\":\"error\",\"timestamp\":1795780700000,\"message\":\"m\",\"hostname\":\"h\","
                + "\"service\":\"s\",\"ddsource\":\"x\",\"ddtags\":\"a:b\"}";

        assertThat(enrich(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"msg\":\"from msg\"}|from msg",
                "{\"log\":\"from log\"}|from log",
                "{\"short_message\":\"gelf\",\"full_message\":\"long\"}|gelf",
                "{\"event\":\"structlog\"}|structlog",
                "{\"text\":\"t\"}|t",
                "{\"@mt\":\"template {x}\"}|template {x}",
                "{\"@m\":\"rendered\",\"@mt\":\"template\"}|rendered",
                "{\"message\":\"own\",\"msg\":\"other\"}|own",
                "{\"msg\":42}|42",
            })
    void messageFromTheNamesLoggersUse(String line, String message) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("message").asText()).isEqualTo(message);
    }

    @Test
    void recordWithoutAnyMessageGetsNone() throws Exception {
        JsonNode record = enrichJson("{\"a\":1,\"msg\":{\"x\":1}}");

        assertThat(record.has("message")).isFalse();
        assertThat(record.get("msg").get("x").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"@timestamp\":\"2026-11-27T11:00:00.123Z\"}|1795777200123",
                "{\"@timestamp\":\"2026-11-27T13:00:00.123+02:00\"}|1795777200123",
                "{\"time\":\"2026-11-27T11:00:00.123456789Z\"}|1795777200123",
                "{\"ts\":1795777200.123456}|1795777200123",
                "{\"ts\":1795777200}|1795777200000",
                "{\"time\":1795777200123}|1795777200123",
                "{\"time\":1795777200123456}|1795777200123",
                "{\"time\":1795777200123456789}|1795777200123",
                "{\"asctime\":\"2026-11-27 11:00:00,123\"}|1795777200123",
                "{\"date\":\"2026-11-27 11:00:00\"}|1795777200000",
                "{\"@t\":\"2026-11-27T11:00:00.1230000Z\"}|1795777200123",
                "{\"syslog\":{\"timestamp\":\"2026-11-27T11:00:00Z\"}}|1795777200000",
                "{\"eventTime\":\"2026-11-27T11:00:00+0000\"}|1795777200000",
                "{\"time\":\"not a time\",\"ts\":1795777200}|1795777200000",
            })
    void timestampFromTheNamesAndFormatsLoggersUse(String line, long millis) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("timestamp").asLong()).isEqualTo(millis);
        assertThat(record.has("logship.timestamp_out_of_range")).isFalse();
    }

    @Test
    void ownTimestampInAnotherFormatIsRewrittenToMillisAndKept() throws Exception {
        JsonNode record = enrichJson("{\"timestamp\":1795777200.5,\"short_message\":\"gelf\"}");

        assertThat(record.get("timestamp").asLong()).isEqualTo(1_795_777_200_500L);
        assertThat(record.get("timestamp_original").asDouble()).isEqualTo(1795777200.5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"time\":\"1999-01-01T00:00:00Z\"}|915148800000",
                "{\"time\":\"2026-11-26T17:59:59Z\"}|1795715999000",
                "{\"time\":\"2026-11-27T14:00:01Z\"}|1795788001000",
                "{\"time\":4102444800}|4102444800000",
                "{\"time\":0}|0",
            })
    void timeMoreThan18HoursPastOr2HoursAheadIsKeptAndMarked(String line, long parsed) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("timestamp").asLong()).isEqualTo(NOW);
        assertThat(record.get("logship.timestamp_out_of_range").asLong()).isEqualTo(parsed);
        assertThat(record.get("time").toString())
                .isEqualTo(MAPPER.readTree(line).get("time").toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"time\":\"yesterday\"}",
                "{\"time\":99999999999999999999999}",
                "{\"time\":-1795777200}",
                "{\"time\":1.7e9}",
                "{\"time\":\"2026-13-01T00:00:00Z\"}",
                "{\"time\":\"2026-02-30T00:00:00Z\"}",
                "{\"time\":\"2026-11-27T25:00:00Z\"}",
                "{\"time\":\"2026-11-27T10:00:00+99:00\"}",
                "{\"time\":\"2026-11-27T10:00:00Zjunk\"}",
                "{\"time\":true}",
                "{\"time\":{\"s\":1}}",
            })
    void unreadableTimeGivesTheIngestionTime(String line) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("timestamp").asLong()).isEqualTo(NOW);
        assertThat(record.get("time")).isEqualTo(MAPPER.readTree(line).get("time"));
    }

    @Test
    void hostAndServiceFromTheRecordBeforeTheSourcesValues() throws Exception {
        JsonNode gelf = enrichJson("{\"host\":\"web-1\",\"dd\":{\"service\":\"shop\"}}");
        JsonNode ecs = enrichJson("{\"host\":{\"name\":\"web-2\"},\"service\":{\"name\":\"cart\",\"version\":\"1\"}}");
        JsonNode syslog = enrichJson("{\"syslog.hostname\":\"web-3\",\"syslog.appname\":\"sshd\"}");
        JsonNode none = enrichJson("{\"a\":1}");

        assertThat(gelf.get("hostname").asText()).isEqualTo("web-1");
        assertThat(gelf.get("service").asText()).isEqualTo("shop");
        assertThat(ecs.get("hostname").asText()).isEqualTo("web-2");
        assertThat(ecs.get("service").asText()).isEqualTo("cart");
        assertThat(ecs.get("service_original").get("version").asText()).isEqualTo("1");
        assertThat(ecs.get("host").get("name").asText()).isEqualTo("web-2");
        assertThat(syslog.get("hostname").asText()).isEqualTo("web-3");
        assertThat(syslog.get("service").asText()).isEqualTo("sshd");
        assertThat(none.get("hostname").asText()).isEqualTo("agent-host");
        assertThat(none.get("service").asText()).isEqualTo("agent-svc");
    }

    @Test
    void traceIdsAreCopiedToDatadogsNames() throws Exception {
        JsonNode record = enrichJson("{\"trace_id\":\"123\",\"spanId\":456}");
        JsonNode own = enrichJson("{\"dd.trace_id\":\"1\",\"trace_id\":\"2\"}");

        assertThat(record.get("dd.trace_id").asText()).isEqualTo("123");
        assertThat(record.get("dd.span_id").asText()).isEqualTo("456");
        assertThat(record.get("trace_id").asText()).isEqualTo("123");
        assertThat(own.get("dd.trace_id").asText()).isEqualTo("1");
    }

    @Test
    void errorsBecomeDatadogsErrorAttributes() throws Exception {
        JsonNode lle = enrichJson("{\"message\":\"m\",\"stack_trace\":\"java.io.IOException: x\\n\\tat a.B\"}");
        JsonNode ecsNested = enrichJson(
                "{\"error\":{\"type\":\"java.io.IOException\",\"message\":\"x\"," + "\"stack_trace\":\"trace\"}}");
        JsonNode ecsFlat = enrichJson("{\"error.type\":\"E\",\"error.message\":\"x\",\"error.stack_trace\":\"t\"}");
        JsonNode log4j = enrichJson(
                "{\"exception\":{\"exception_class\":\"E\",\"exception_message\":\"x\"," + "\"stacktrace\":\"t\"}}");
        JsonNode errorString = enrichJson("{\"error\":\"boom\",\"stack_trace\":\"t\"}");
        JsonNode emptyError = enrichJson("{\"error\":{},\"stack_trace\":\"t\"}");

        assertThat(lle.get("error").get("stack").asText()).startsWith("java.io.IOException: x");
        assertThat(lle.get("stack_trace").asText()).startsWith("java.io.IOException");
        assertThat(ecsNested.get("error").get("kind").asText()).isEqualTo("java.io.IOException");
        assertThat(ecsNested.get("error").get("stack").asText()).isEqualTo("trace");
        assertThat(ecsNested.get("error").get("type").asText()).isEqualTo("java.io.IOException");
        assertThat(ecsFlat.get("error").get("kind").asText()).isEqualTo("E");
        assertThat(ecsFlat.get("error").get("stack").asText()).isEqualTo("t");
        assertThat(ecsFlat.get("error.message").asText()).isEqualTo("x");
        assertThat(log4j.get("error").get("kind").asText()).isEqualTo("E");
        assertThat(log4j.get("error").get("message").asText()).isEqualTo("x");
        assertThat(log4j.get("error").get("stack").asText()).isEqualTo("t");
        assertThat(errorString.get("error").asText()).isEqualTo("boom");
        assertThat(errorString.get("error.stack").asText()).isEqualTo("t");
        assertThat(emptyError.get("error").get("stack").asText()).isEqualTo("t");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ERROR something broke|error|" + NOW,
                "[WARN] disk almost full|warn|" + NOW,
                "level=error msg=\"boom\"|error|" + NOW,
                "time=2026-11-27T11:00:00.123Z level=WARN msg=x|warn|1795777200123",
                "2026-11-27T11:00:00Z INFO started|info|1795777200000",
                "2026-11-27 11:00:00,123 ERROR [main] c.s.Api - failed|error|1795777200123",
                "2026-11-27 11:00:00.123 DEBUG x|debug|1795777200123",
                "[2026-11-27 11:00:00] CRITICAL x|critical|1795777200000",
                "INFO: ready|info|" + NOW,
                "a warning is not a level here|info|" + NOW,
                "error|error|" + NOW,
                "Errors were found|info|" + NOW,
                "garbage first|info|" + NOW,
            })
    void textLineLeadingLevelAndTime(String line, String status, long timestamp) throws Exception {
        JsonNode record = enrichJson(line);

        assertThat(record.get("message").asText()).isEqualTo(line);
        assertThat(record.get("status").asText()).isEqualTo(status);
        assertThat(record.get("timestamp").asLong()).isEqualTo(timestamp);
    }

    @Test
    void originalAttributesAreAllKept() throws Exception {
        String line = "{\"@timestamp\":\"2026-11-27T11:00:00Z\",\"level\":\"WARN\",\"msg\":\"m\",\"host\":\"h\","
                + "\"nested\":{\"level\":\"x\"}}";
        JsonNode original = MAPPER.readTree(line);

        JsonNode record = enrichJson(line);

        original.fieldNames().forEachRemaining(k -> assertThat(record.get(k)).isEqualTo(original.get(k)));
    }

    @Test
    void randomRecordsStayValidJsonWithoutDuplicateKeysAndKeepEveryAttribute() throws Exception {
        String[] keys = {
            "status",
            "severity",
            "level",
            "log.level",
            "log",
            "message",
            "msg",
            "timestamp",
            "@timestamp",
            "time",
            "ts",
            "host",
            "hostname",
            "host.name",
            "service",
            "service.name",
            "dd",
            "error",
            "error.type",
            "error.kind",
            "stack_trace",
            "exception",
            "trace_id",
            "dd.trace_id",
            "syslog",
            "x",
            "status_original"
        };
        String[] values = {
            "\"ERROR\"",
            "\"warn\"",
            "\"garbage\"",
            "3",
            "50",
            "1795777200",
            "1795777200.5",
            "1795777200123",
            "\"2026-11-27T11:00:00Z\"",
            "\"2026-11-27 11:00:00,1\"",
            "null",
            "true",
            "-1",
            "1e400",
            "{}",
            "[]",
            "{\"level\":\"error\",\"name\":\"n\",\"type\":\"T\",\"severity\":2}",
            "{\"kind\":\"K\"}",
            "\"\"",
            "\"a\\\"b\\u0041\"",
            "\"é😀\"",
            "123456789012345678901234567890"
        };
        Random random = new Random(7);
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder("{");
            Set<String> used = new HashSet<>();
            int n = random.nextInt(6);
            for (int k = 0; k < n; k++) {
                String key = keys[random.nextInt(keys.length)];
                if (!used.add(key)) {
                    continue;
                }
                if (line.length() > 1) {
                    line.append(',');
                }
                line.append('"').append(key).append("\":").append(values[random.nextInt(values.length)]);
            }
            line.append('}');
            JsonNode original = strict.readTree(line.toString());
            String out = enrich(line.toString());

            JsonNode record = strict.readTree(out);
            assertThat(record.isObject()).as(out).isTrue();
            if (!original.has("status_original")) { // else a bad own status has nowhere to go and stays
                assertThat(record.get("status").isTextual()).as(out).isTrue();
            }
            original.fieldNames()
                    .forEachRemaining(k ->
                            assertThat(record.has(k)).as("%s in %s", k, out).isTrue());
        }
    }

    private JsonNode enrichJson(String line) throws Exception {
        String out = enrich(line);
        JsonNode node = MAPPER.readTree(out);
        assertThat(node.isObject()).as(out).isTrue();
        return node;
    }

    private String enrich(String line) {
        ByteBuf in = Unpooled.copiedBuffer(line, UTF_8);
        ByteBuf out = Unpooled.buffer();
        try {
            enricher.enrich(in, out);
            return out.toString(UTF_8);
        } finally {
            in.release();
            out.release();
        }
    }
}
