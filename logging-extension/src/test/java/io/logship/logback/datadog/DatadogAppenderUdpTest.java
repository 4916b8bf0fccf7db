package io.logship.logback.datadog;

import static io.logship.logback.datadog.DatadogAppenderTcpTest.parse;
import static io.logship.logback.datadog.DatadogAppenderTcpTest.range;
import static io.logship.logback.datadog.DatadogAppenderTcpTest.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.logship.logback.datadog.DeliveryStats.DropReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DatadogAppenderUdpTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DatagramServer server;
    private TestLogging logging;

    @BeforeEach
    void startServer() throws Exception {
        server = new DatagramServer();
        logging = new TestLogging(server.port());
        logging.appender.setProtocol(Protocol.UDP);
    }

    @AfterEach
    void stopAll() throws Exception {
        logging.close();
        server.close();
    }

    @Test
    void sendsOneNewlineTerminatedDatagramPerRecordWithUnicode() {
        logging.start();
        String text = "caf\u00e9 \u65e5\u672c\u8a9e \uD83D\uDE00";

        for (int i = 0; i < 50; i++) {
            logging.log.atInfo().setMessage(text).addKeyValue("seq", i).log();
        }

        await().atMost(WAIT).until(() -> server.datagrams.size() >= 50);
        assertThat(server.datagrams).allSatisfy(d -> {
            assertThat(d).endsWith("\n");
            assertThat(d.indexOf('\n')).isEqualTo(d.length() - 1);
            assertThat(parse(d).get("message").asText()).isEqualTo(text);
        });
        assertThat(seqs(server.datagrams)).isEqualTo(range(0, 50));
    }

    @Test
    void truncatesAMessageTooBigForOneDatagramToFit() {
        logging.start();
        String big = "\u00e9".repeat(1024 * 1024);

        logging.log
                .atError()
                .setMessage(big)
                .setCause(new IllegalStateException("x"))
                .addKeyValue("seq", 0)
                .log();

        await().atMost(WAIT).until(() -> server.datagrams.size() >= 1);
        assertThat(server.sizes.get(0)).isLessThanOrEqualTo(UdpConnection.DEFAULT_MAX_DATAGRAM_BYTES);
        JsonNode json = parse(server.datagrams.get(0));
        assertThat(json.get("message").asText())
                .startsWith("\u00e9\u00e9\u00e9")
                .endsWith(DatadogJsonEncoder.TRUNCATION_MARK);
        assertThat(json.at("/error/kind").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("seq").asInt()).isZero();
        assertThat(logging.appender.getStats().getTruncated()).isEqualTo(1);
        assertThat(logging.appender.getStats().getDroppedTotal()).isZero();
    }

    @Test
    void truncationUsesTheConfiguredDatagramLimit() {
        logging.appender.setMaxDatagramBytes(UdpConnection.MAX_DATAGRAM_BYTES);
        logging.start();

        logging.log.info("x".repeat(1024 * 1024));

        await().atMost(WAIT).until(() -> server.datagrams.size() >= 1);
        assertThat(server.sizes.get(0))
                .isLessThanOrEqualTo(UdpConnection.MAX_DATAGRAM_BYTES)
                .isGreaterThan(UdpConnection.DEFAULT_MAX_DATAGRAM_BYTES);
    }

    @Test
    void dropsAndCountsARecordThatCannotFitEvenTruncated() {
        logging.start();

        logging.log
                .atInfo()
                .setMessage("huge value")
                .addKeyValue("blob", "v".repeat(20_000))
                .log();
        logging.log.atInfo().setMessage("next").addKeyValue("seq", 1).log();

        await().atMost(WAIT).until(() -> server.datagrams.stream().anyMatch(DatadogAppenderTcpTest::isDropReport));
        assertThat(seqs(server.datagrams)).containsExactly(1);
        assertThat(logging.appender.getStats().getDropped(DropReason.OVERSIZE_DATAGRAM))
                .isEqualTo(1);
        JsonNode report = parse(server.datagrams.stream()
                .filter(DatadogAppenderTcpTest::isDropReport)
                .findFirst()
                .orElseThrow());
        assertThat(report.at("/logship/dropped_oversize_datagram").asLong()).isEqualTo(1);
        assertThat(server.datagrams.stream()
                        .mapToInt(d -> d.getBytes(StandardCharsets.UTF_8).length)
                        .max()
                        .orElseThrow())
                .isLessThanOrEqualTo(UdpConnection.DEFAULT_MAX_DATAGRAM_BYTES);
    }
}
