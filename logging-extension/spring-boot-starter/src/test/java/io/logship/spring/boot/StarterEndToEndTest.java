package io.logship.spring.boot;

import static io.logship.logback.context.KeyValues.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.intake.StoredRecord;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.spring.boot.demo.DemoApp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot web application with the starter and no logging XML, sending to the real logship agent (in
 * this JVM, loopback, its embedded intake). The last test closes the application.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class StarterEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "checkout";

    @TempDir
    static Path dir;

    private static AgentFixture agent;
    private static ConfigurableApplicationContext app;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        agent = AgentFixture.start(dir);
        app = DemoApp.start(agent.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private static String get(String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    @Order(1)
    void thousandRecordsFromAControllerReachTheAgentWithStatusMessagePairsAndService() throws Exception {
        assertThat(get("/orders?n=1000")).isEqualTo("logged 1000");

        List<StoredRecord> records = new ArrayList<>(agent.await(SERVICE, "paid", 1000));
        // The agent's loops and senders work in parallel: arrival order is not log order.
        records.sort(
                Comparator.comparingInt(r -> AgentFixture.json(r).get("order").asInt()));

        assertThat(records).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            StoredRecord record = records.get(i);
            JsonNode json = AgentFixture.json(record);
            assertThat(record.message()).isEqualTo("order " + i + " paid");
            assertThat(record.status()).isEqualTo("info");
            assertThat(record.service()).isEqualTo(SERVICE);
            assertThat(json.get("order").asInt()).isEqualTo(i);
            assertThat(json.get("user").asText()).isEqualTo("jd");
            assertThat(json.get("request_id").asText()).isEqualTo("r-1");
            assertThat(record.ddtags()).contains("env:test");
        }
    }

    @Test
    @Order(2)
    void startUpRecordsArriveExactlyOnce() {
        List<StoredRecord> started = agent.await(SERVICE, "Started DemoApp", 1);
        List<StoredRecord> starting = agent.await(SERVICE, "Starting DemoApp", 1);

        assertThat(started).hasSize(1);
        assertThat(starting).hasSize(1);
        assertThat(started.get(0).status()).isEqualTo("info");
    }

    @Test
    @Order(3)
    void theConsoleLineIsLogshipsTextFormatAndSpringsDefaultLevelsStay() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("console.check").info("hello console", kv("user", "jd"));
        } finally {
            System.setOut(original);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches(
                        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[\\d+] INFO     console\\.check \\[user: jd]: hello console"
                                + "\\R");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("org.apache.catalina.startup.DigesterFactory")
                        .getLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.logship.agent").getLevel()).isEqualTo(Level.OFF); // logship.levels
    }

    @Test
    @Order(4)
    void logContextSurvivesEachThreadHop() throws Exception {
        JsonNode seen = JSON.readTree(get("/hops"));

        assertThat(seen.get("async").asText()).isEqualTo(DemoApp.VIRTUAL ? "r-hop@virtual" : "r-hop");
        assertThat(seen.get("completableFuture").asText()).isEqualTo("r-hop");
        assertThat(seen.get("wrappedExecutor").asText()).isEqualTo("r-hop");
        // Reactor's bounded elastic scheduler runs on virtual threads ("loomBoundedElastic") where the JDK has them.
        assertThat(seen.get("mono").asText()).matches("r-hop@(boundedElastic|loomBoundedElastic)-\\d+");
        assertThat(seen.get("afterScope").asText()).isEqualTo("null");
    }

    @Test
    @Order(5)
    void metersShowSentDroppedAndQueued() {
        MeterRegistry registry = app.getBean(MeterRegistry.class);

        await().atMost(AgentFixture.WAIT)
                .until(() -> registry.get(LogshipMetrics.SENT).functionCounter().count() >= 1000);
        assertThat(registry.get(LogshipMetrics.DROPPED)
                        .tag("reason", "queue_full")
                        .functionCounter()
                        .count())
                .isZero();
        assertThat(registry.get(LogshipMetrics.QUEUED)
                        .tag("output", LogshipOutputs.DATADOG)
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(6)
    void theAppendersOwnShutdownHookStandsDownForSprings() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        DatadogAppender appender =
                (DatadogAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogshipOutputs.DATADOG);

        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.isShutdownHook()).isFalse();
    }

    @Test
    @Order(7)
    void closingTheContextLosesNothingIncludingSpringsShutdownRecords() throws Exception {
        get("/orders?n=200");

        app.close();

        agent.await(SERVICE, "paid", 1200);
        assertThat(agent.await(SERVICE, "Commencing graceful shutdown", 1)).hasSize(1);
        assertThat(agent.await(SERVICE, "Graceful shutdown complete", 1)).hasSize(1);
        assertThat(agent.records(SERVICE, "paid")).hasSize(1200);
    }
}
