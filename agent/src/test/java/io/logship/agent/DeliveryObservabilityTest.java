package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.agent.destinations.Sender;
import io.logship.config.Secret;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every meter the issue lists is really updated, and drop logs are rate-limited and never carry the API key. */
class DeliveryObservabilityTest {
    private static final String KEY = "0123456789abcdef-secret";

    @TempDir
    Path dir;

    @Test
    void everyDeliveryMeterMovesWithASpool() throws Exception {
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .build())) {
            intake.knobs().failNext(1, 503, Optional.empty());
            AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("obs", 900_000)));
            config.spoolPath = dir.resolve("spool");
            try (Agent agent = Agent.start(config.build());
                    Socket held = new Socket(
                            "127.0.0.1", agent.boundAddresses().get(0).getPort())) {
                sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, 10, 100));
                await().atMost(AgentHarness.WAIT)
                        .until(() -> agent.sendCounters().recordsSent() == 10);

                String scrape = agent.metrics().scrape();
                String source = "source=\"tcp:127.0.0.1:0\"";
                assertThat(value(scrape, "logship_records_in_total{" + source + "}"))
                        .isEqualTo(10);
                assertThat(value(scrape, "logship_bytes_in_bytes_total{" + source + "}"))
                        .isGreaterThan(800);
                assertThat(value(scrape, "logship_connections_open{" + source + "}"))
                        .isEqualTo(1);
                assertThat(value(scrape, "logship_records_sent_total")).isEqualTo(10);
                assertThat(value(scrape, "logship_batches_sent_total")).isPositive();
                assertThat(value(scrape, "logship_bytes_sent_bytes_total{encoding=\"uncompressed\"}"))
                        .isGreaterThan(800);
                assertThat(value(scrape, "logship_bytes_sent_bytes_total{encoding=\"compressed\"}"))
                        .isPositive();
                assertThat(value(scrape, "logship_send_retries_total")).isEqualTo(1);
                assertThat(value(scrape, "logship_intake_responses_total{status=\"503\"}"))
                        .isEqualTo(1);
                assertThat(value(scrape, "logship_intake_responses_total{status=\"202\"}"))
                        .isPositive();
                assertThat(value(scrape, "logship_send_latency_seconds_count")).isGreaterThanOrEqualTo(2);
                assertThat(value(scrape, "logship_records_spooled_total")).isEqualTo(10);
                assertThat(scrape)
                        .contains(
                                "logship_buffer_bytes ",
                                "logship_spool_bytes ",
                                "logship_spool_pending_entries ",
                                "logship_spool_appends_refused_total{reason=\"full\"}",
                                "logship_records_dropped_total{intentional=\"false\",reason=\"retries_exhausted\"} 0.0",
                                "logship_records_dropped_total{intentional=\"false\",reason=\"encode_failed\"} 0.0",
                                "logship_records_dropped_total{intentional=\"true\",reason=\"buffer_full\"} 0.0");
            }
        }
    }

    @Test
    void dropsAreLoggedRateLimitedWithoutTheApiKey() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Sender.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .requiredApiKey(KEY)
                .build())) {
            intake.knobs().failNext(3, 400, Optional.empty());
            AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("log", 900_000)));
            config.apiKey = Secret.of(KEY);
            config.maxInFlight = 1; // one sender: its rate limit covers every drop
            try (Agent agent = Agent.start(config.build())) {
                for (int i = 0; i < 3; i++) {
                    sendTcp(agent.boundAddresses().get(0), SeqLines.lines(i, i + 1, 100));
                    int dropped = i + 1;
                    await().atMost(AgentHarness.WAIT).until(() -> agent.drops().total() == dropped);
                }
            }
        } finally {
            logger.detachAppender(appender);
        }
        List<String> drops = appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("dropped a batch"))
                .toList();
        assertThat(drops).hasSize(1);
        assertThat(drops.get(0)).contains("bad_request (HTTP 400)").contains("/api/v2/logs");
        assertThat(appender.list)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }
}
