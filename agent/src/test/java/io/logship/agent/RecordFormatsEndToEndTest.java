package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.logging.log4j.Level.ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.intake.LocalIntake;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import io.logship.logback.datadog.DatadogAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout.EventTemplateAdditionalField;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record from each common logger's JSON (and text) output, sent to the real agent over TCP, arrives at the local
 * intake with the right status, message, timestamp, hostname, service and error attributes.
 *
 * <p>Where the logger is a Java library on Maven Central the line is written by that library here
 * (logstash-logback-encoder, logback's JsonEncoder, log4j2's JsonTemplateLayout with its ECS, GELF and Logstash
 * templates, logship's own Datadog output); for the others it is the sample from the logger's documentation (named
 * on each fixture), with its time replaced by a recent one so that the intake accepts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordFormatsEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The source's service and the agent's host name: what records without their own get. */
    private static final String AGENT_SERVICE = "formats";

    private static final String AGENT_HOST = AgentHarness.HOSTNAME;
    private static final String STACK_START = "java.io.IOException: card declined";

    /** A recent time (the intake refuses records more than 18 h old), whole milliseconds. */
    private final long t = System.currentTimeMillis() - 90_000;
    /** The same, whole seconds, for formats that write seconds. */
    private final long tSeconds = t / 1000 * 1000;

    @TempDir
    static Path dir;

    private LocalIntake intake;
    private Agent agent;

    /** What the intake must hold for one fixture; null where the field is not expected. */
    record Expected(
            String status,
            String message,
            long timestamp,
            String hostname,
            String service,
            String errorKind,
            String errorMessage,
            String errorStackStart) {}

    record Fixture(String name, String line, Expected expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws Exception {
        intake = AgentHarness.startIntake(dir.resolve("intake"), null);
        agent = Agent.start(
                config(intake.logsUrl(), List.of(tcp(AGENT_SERVICE, 900_000))).build());
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (intake != null) {
            intake.close();
        }
    }

    Stream<Fixture> fixtures() throws Exception {
        return Stream.of(
                logstashLogbackEncoder(),
                logbackJsonEncoder(),
                log4j2(
                        "log4j2 JsonTemplateLayout EcsLayout.json",
                        "classpath:EcsLayout.json",
                        "ecs-svc",
                        new Expected(
                                "error",
                                "log4j2 ecs payment failed",
                                t,
                                AGENT_HOST,
                                "ecs-svc",
                                "java.io.IOException",
                                "card declined",
                                STACK_START)),
                log4j2(
                        "log4j2 JsonTemplateLayout GelfLayout.json",
                        "classpath:GelfLayout.json",
                        null,
                        new Expected(
                                "error",
                                "log4j2 gelf payment failed",
                                t,
                                "log4j2-host",
                                AGENT_SERVICE,
                                null,
                                null,
                                STACK_START)),
                log4j2(
                        "log4j2 JsonTemplateLayout LogstashJsonEventLayoutV1.json",
                        "classpath:LogstashJsonEventLayoutV1.json",
                        null,
                        new Expected(
                                "error",
                                "log4j2 logstash payment failed",
                                t,
                                "log4j2-host",
                                AGENT_SERVICE,
                                "java.io.IOException",
                                "card declined",
                                STACK_START)),
                // Spring Boot 3.5 structured logging, ECS (nested since 3.5): the sample of its reference
                // documentation, "Structured Logging", Elastic Common Schema.
                sample(
                        "Spring Boot structured logging, ecs",
                        "{\"@timestamp\":\"" + iso(t) + "\",\"log\":{\"level\":\"WARN\",\"logger\":"
                                + "\"org.example.Application\"},\"process\":{\"pid\":39599,\"thread\":{\"name\":"
                                + "\"main\"}},\"service\":{\"name\":\"simple\",\"version\":\"1.0\"},\"message\":"
                                + "\"spring ecs No active profile set\",\"ecs\":{\"version\":\"8.11\"}}",
                        new Expected(
                                "warn", "spring ecs No active profile set", t, AGENT_HOST, "simple", null, null, null)),
                // Spring Boot structured logging, logstash: the reference documentation's sample.
                sample(
                        "Spring Boot structured logging, logstash",
                        "{\"@timestamp\":\"" + isoOffset(t) + "\",\"@version\":\"1\",\"message\":"
                                + "\"spring logstash No active profile set\",\"logger_name\":"
                                + "\"org.example.Application\",\"thread_name\":\"main\",\"level\":\"INFO\","
                                + "\"level_value\":20000}",
                        new Expected(
                                "info",
                                "spring logstash No active profile set",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                null,
                                null,
                                null)),
                // Spring Boot structured logging, gelf: the reference documentation's sample.
                sample(
                        "Spring Boot structured logging, gelf",
                        "{\"version\":\"1.1\",\"short_message\":\"spring gelf No active profile set\","
                                + "\"timestamp\":" + seconds(t) + ",\"level\":6,\"_level_name\":\"INFO\","
                                + "\"_process_pid\":9086,\"_process_thread_name\":\"main\",\"host\":\"spring-app\","
                                + "\"_log_logger\":\"org.example.Application\"}",
                        new Expected(
                                "info",
                                "spring gelf No active profile set",
                                t,
                                "spring-app",
                                AGENT_SERVICE,
                                null,
                                null,
                                null)),
                // pino: README, "Usage" output.
                sample(
                        "pino",
                        "{\"level\":50,\"time\":" + t + ",\"pid\":657,\"hostname\":\"Davids-MBP-3.fritz.box\","
                                + "\"msg\":\"pino hello world\"}",
                        new Expected(
                                "error",
                                "pino hello world",
                                t,
                                "Davids-MBP-3.fritz.box",
                                AGENT_SERVICE,
                                null,
                                null,
                                null)),
                // bunyan: README, "Introduction".
                sample(
                        "bunyan",
                        "{\"name\":\"myapp\",\"hostname\":\"banana.local\",\"pid\":40161,\"level\":40,"
                                + "\"msg\":\"bunyan hi\",\"time\":\"" + iso(t) + "\",\"v\":0}",
                        new Expected("warn", "bunyan hi", t, "banana.local", AGENT_SERVICE, null, null, null)),
                // winston: README, format.combine(timestamp(), json()).
                sample(
                        "winston",
                        "{\"level\":\"error\",\"message\":\"winston what time is the testing at?\","
                                + "\"service\":\"user-service\",\"timestamp\":\"" + iso(t) + "\"}",
                        new Expected(
                                "error",
                                "winston what time is the testing at?",
                                t,
                                AGENT_HOST,
                                "user-service",
                                null,
                                null,
                                null)),
                // structlog: docs, "Logging Best Practices" (JSONRenderer, TimeStamper(fmt="iso"), add_log_level).
                sample(
                        "structlog",
                        "{\"event\":\"structlog user logged in\",\"user\":\"jd\",\"level\":\"warning\","
                                + "\"timestamp\":\"" + micros(t) + "\"}",
                        new Expected(
                                "warn", "structlog user logged in", t, AGENT_HOST, AGENT_SERVICE, null, null, null)),
                // python-json-logger: docs, "Quickstart", format "%(asctime)s %(levelname)s %(message)s".
                sample(
                        "python-json-logger",
                        "{\"asctime\": \"" + asctime(t) + "\", \"levelname\": \"CRITICAL\","
                                + " \"message\": \"python-json-logger disk on fire\", \"name\": \"root\"}",
                        new Expected(
                                "critical",
                                "python-json-logger disk on fire",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                null,
                                null,
                                null)),
                // Go log/slog JSONHandler: package documentation.
                sample(
                        "Go slog JSONHandler",
                        "{\"time\":\"" + nanosOffset(t) + "\",\"level\":\"WARN\","
                                + "\"msg\":\"slog hello\",\"count\":3}",
                        new Expected("warn", "slog hello", t, AGENT_HOST, AGENT_SERVICE, null, null, null)),
                // zap production logger: README, "Quick Start".
                sample(
                        "zap",
                        "{\"level\":\"error\",\"ts\":" + seconds(t) + "123,\"caller\":\"main.go:21\","
                                + "\"msg\":\"zap failed to fetch URL\",\"url\":\"http://example.com\",\"attempt\":3}",
                        new Expected(
                                "error", "zap failed to fetch URL", t, AGENT_HOST, AGENT_SERVICE, null, null, null)),
                // Serilog compact JSON (CLEF): Serilog.Formatting.Compact README; no @l means Information.
                sample(
                        "Serilog compact JSON",
                        "{\"@t\":\"" + ticks(t) + "\",\"@mt\":\"Hello, {@User}\","
                                + "\"User\":{\"Name\":\"nblumhardt\",\"Tags\":[1,2,3]}}",
                        new Expected("info", "Hello, {@User}", t, AGENT_HOST, AGENT_SERVICE, null, null, null)),
                sample(
                        "Serilog compact JSON, error",
                        "{\"@t\":\"" + ticks(t) + "\",\"@mt\":\"serilog failed\","
                                + "\"@l\":\"Error\",\"@x\":\"System.IO.IOException: card declined\\n   at A.B()\"}",
                        new Expected(
                                "error",
                                "serilog failed",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                null,
                                null,
                                "System.IO.IOException: card declined")),
                // daiquiri's Datadog output (daiquiri.formatter.DatadogFormatter over python-json-logger).
                sample(
                        "daiquiri",
                        "{\"message\": \"daiquiri something went wrong\", \"timestamp\": \""
                                + micros(t).replace("Z", "+00:00") + "\", \"status\": \"warning\", \"logger\": "
                                + "{\"name\": \"myapp\"}, \"error\": {\"kind\": \"ValueError\", \"message\": \"bad\", "
                                + "\"stack\": \"Traceback (most recent call last):\"}}",
                        new Expected(
                                "warn",
                                "daiquiri something went wrong",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                "ValueError",
                                "bad",
                                "Traceback")),
                // Plain text, as logback's default pattern and Python's logging write it.
                sample(
                        "text, logback pattern",
                        textTime(t) + " ERROR [main] c.s.Api - text payment failed",
                        new Expected(
                                "error",
                                textTime(t) + " ERROR [main] c.s.Api - text payment failed",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                null,
                                null,
                                null)),
                sample(
                        "text, logfmt",
                        "time=" + iso(t) + " level=warn msg=\"logfmt slow\"",
                        new Expected(
                                "warn",
                                "time=" + iso(t) + " level=warn msg=\"logfmt slow\"",
                                t,
                                AGENT_HOST,
                                AGENT_SERVICE,
                                null,
                                null,
                                null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void recordArrivesAsDatadogWouldReadIt(Fixture fixture) throws Exception {
        sendTcp(agent.boundAddresses().get(0), (fixture.line() + "\n").getBytes(UTF_8));

        StoredRecord record = awaitMessage(fixture.expected().message());

        assertRecord(record, fixture.expected(), fixture.line());
    }

    @Test
    void logshipsOwnDatadogOutputArrivesAsItWasLogged() throws Exception {
        LoggerContext context = new LoggerContext();
        DatadogAppender appender = new DatadogAppender();
        appender.setContext(context);
        InetSocketAddress address = agent.boundAddresses().get(0);
        appender.setHost(address.getHostString());
        appender.setPort(address.getPort());
        appender.setService("logship-svc");
        appender.setHostname("logship-host");
        appender.setShutdownHook(false);
        appender.start();
        try {
            appender.doAppend(
                    event(context, Level.WARN, "logship output payment failed", new IOException("card declined")));
        } finally {
            appender.stop();
        }

        StoredRecord record = awaitMessage("logship output payment failed");

        assertRecord(
                record,
                new Expected(
                        "warn",
                        "logship output payment failed",
                        t,
                        "logship-host",
                        "logship-svc",
                        "java.io.IOException",
                        "card declined",
                        STACK_START),
                "(logship Datadog output)");
    }

    @Test
    void anUnknownLevelKeepsTheRecordAsInfoWithItsAttribute() throws Exception {
        sendTcp(
                agent.boundAddresses().get(0),
                ("{\"level\":\"bogus\",\"msg\":\"unknown level word\",\"time\":" + t + "}\n").getBytes(UTF_8));

        StoredRecord record = awaitMessage("unknown level word");

        assertThat(record.status()).isEqualTo("info");
        assertThat(json(record).get("level").asText()).isEqualTo("bogus");
        assertThat(record.timestamp().toEpochMilli()).isEqualTo(t);
    }

    @Test
    void aTimeOutsideTheIntakesWindowIsKeptAndMarked() throws Exception {
        long old = t - 3 * 24 * 3600 * 1000L;
        sendTcp(
                agent.boundAddresses().get(0),
                ("{\"level\":\"info\",\"msg\":\"three days late\",\"@timestamp\":\"" + iso(old) + "\"}\n")
                        .getBytes(UTF_8));

        StoredRecord record = awaitMessage("three days late");

        JsonNode json = json(record);
        assertThat(json.get("@timestamp").asText()).isEqualTo(iso(old));
        assertThat(json.get("logship.timestamp_out_of_range").asLong()).isEqualTo(old);
        assertThat(record.timestamp().toEpochMilli()).isGreaterThan(t);
    }

    private Fixture logstashLogbackEncoder() {
        LoggerContext context = new LoggerContext();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        String line = new String(
                        encoder.encode(
                                event(context, Level.ERROR, "lle payment failed", new IOException("card declined"))),
                        UTF_8)
                .strip();
        return new Fixture(
                "logstash-logback-encoder LogstashEncoder",
                line,
                new Expected("error", "lle payment failed", t, AGENT_HOST, AGENT_SERVICE, null, null, STACK_START));
    }

    private Fixture logbackJsonEncoder() {
        LoggerContext context = new LoggerContext();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        String line = new String(
                        encoder.encode(event(
                                context, Level.WARN, "logback json payment failed", new IOException("card declined"))),
                        UTF_8)
                .strip();
        return new Fixture(
                "logback JsonEncoder",
                line,
                new Expected(
                        "warn",
                        "logback json payment failed",
                        t,
                        AGENT_HOST,
                        AGENT_SERVICE,
                        "java.io.IOException",
                        "card declined",
                        null));
    }

    private LoggingEvent event(LoggerContext context, Level level, String message, Throwable thrown) {
        if (context.getMDCAdapter() == null) {
            context.setMDCAdapter(new LogbackMDCAdapter());
        }
        LoggingEvent event = new LoggingEvent(
                RecordFormatsEndToEndTest.class.getName(),
                context.getLogger("com.shop.Api"),
                level,
                message,
                thrown,
                null);
        event.setTimeStamp(t);
        return event;
    }

    private Fixture log4j2(String name, String template, String service, Expected expected) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.getProperties().put("hostName", "log4j2-host");
        JsonTemplateLayout.Builder builder =
                JsonTemplateLayout.newBuilder().setConfiguration(configuration).setEventTemplateUri(template);
        if (service != null) {
            builder.setEventTemplateAdditionalFields(new EventTemplateAdditionalField[] {
                EventTemplateAdditionalField.newBuilder()
                        .setKey("service.name")
                        .setValue(service)
                        .build()
            });
        }
        JsonTemplateLayout layout = builder.build();
        LogEvent event = Log4jLogEvent.newBuilder()
                .setLoggerName("com.shop.Api")
                .setLevel(ERROR)
                .setMessage(new SimpleMessage(expected.message()))
                .setThrown(new IOException("card declined"))
                .setTimeMillis(t)
                .build();
        return new Fixture(name, layout.toSerializable(event).strip(), expected);
    }

    private static Fixture sample(String name, String line, Expected expected) {
        return new Fixture(name, line, expected);
    }

    private StoredRecord awaitMessage(String message) {
        StoredRecord[] found = new StoredRecord[1];
        await().atMost(AgentHarness.WAIT).until(() -> {
            Optional<StoredRecord> match = intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT)).stream()
                    .filter(r -> message.equals(r.message()))
                    .findFirst();
            match.ifPresent(r -> found[0] = r);
            return match.isPresent();
        });
        return found[0];
    }

    private static void assertRecord(StoredRecord record, Expected expected, String line) throws Exception {
        JsonNode json = json(record);
        assertThat(record.status()).as("status of %s", line).isEqualTo(expected.status());
        assertThat(record.message()).as("message of %s", line).isEqualTo(expected.message());
        assertThat(record.timestamp())
                .as("timestamp of %s", line)
                .isEqualTo(Instant.ofEpochMilli(expected.timestamp()));
        assertThat(record.hostname()).as("hostname of %s", line).isEqualTo(expected.hostname());
        assertThat(record.service()).as("service of %s", line).isEqualTo(expected.service());
        assertThat(json.has("logship.timestamp_out_of_range"))
                .as("out of range mark of %s", line)
                .isFalse();
        if (expected.errorKind() != null) {
            assertThat(attribute(json, "error.kind"))
                    .as("error.kind of %s", line)
                    .isEqualTo(expected.errorKind());
        }
        if (expected.errorMessage() != null) {
            assertThat(attribute(json, "error.message"))
                    .as("error.message of %s", line)
                    .isEqualTo(expected.errorMessage());
        }
        if (expected.errorStackStart() != null) {
            assertThat(attribute(json, "error.stack"))
                    .as("error.stack of %s", line)
                    .startsWith(expected.errorStackStart());
        }
        // Nothing the client wrote is lost: every original attribute is still there.
        JsonNode original = MAPPER.readTree(line.startsWith("{") ? line : "{}");
        original.fieldNames()
                .forEachRemaining(key -> assertThat(json.has(key) || json.has(key + "_original"))
                        .as("attribute %s of %s", key, line)
                        .isTrue());
    }

    /** A Datadog attribute given dotted: a top-level dotted key, or the path through nested objects. */
    private static String attribute(JsonNode json, String dotted) {
        if (json.has(dotted)) {
            return json.get(dotted).asText();
        }
        JsonNode node = json;
        for (String part : dotted.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null ? null : node.asText();
    }

    private static JsonNode json(StoredRecord record) throws Exception {
        return MAPPER.readTree(record.json());
    }

    private static String iso(long millis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }

    /** {@code 2026-11-27T13:00:00.123+01:00}, as logstash encoders write in a zone east of UTC. */
    private static String isoOffset(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(1))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"));
    }

    /** Go's RFC 3339 with nanoseconds, in a zone west of UTC. */
    private static String nanosOffset(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(-5))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'456789'XXX"));
    }

    /** Python's isoformat with microseconds, UTC, with a Z. */
    private static String micros(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'456Z'"));
    }

    /** .NET's round-trip format: 7 fraction digits. */
    private static String ticks(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'4567Z'"));
    }

    /** Python logging's asctime (local time in Python; UTC here, as the agent reads a time without a zone). */
    private static String asctime(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"));
    }

    private static String textTime(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
    }

    /** Epoch seconds with the milliseconds as fraction: {@code 1795777200.123}. */
    private static String seconds(long millis) {
        return millis / 1000 + "." + String.format("%03d", millis % 1000);
    }
}
