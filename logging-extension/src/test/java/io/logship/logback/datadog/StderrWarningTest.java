package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.util.Duration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drops and records left at shutdown reach stderr with no status listener configured. */
@Timeout(60)
class StderrWarningTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(System.lineSeparator()));
    }

    @Test
    void oneLineAtMostPerIntervalAndTheHeldCountRidesOnTheNextForcedLine() {
        StderrNotice notice = new StderrNotice(err, 60_000);

        notice.warn("origin", "first", false);
        notice.warn("origin", "second", false);
        notice.warn("origin", "third", false);
        notice.warn("origin", "left 5 records", true);

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).matches("\\d\\d:\\d\\d:\\d\\d,\\d{3} \\|-WARN in origin - first");
        assertThat(lines().get(1))
                .endsWith(
                        " |-WARN in origin - left 5 records (2 earlier warnings not shown; a status listener shows every one)");
    }

    @Test
    void aDropAndTheRecordsLeftAtShutdownReachStderr() throws Exception {
        TestLogging logging = new TestLogging(LineServer.unusedPort());
        logging.appender.setQueueSize(1);
        logging.appender.setShutdownTimeout(Duration.buildByMilliseconds(100));
        logging.appender.setStderr(err, 0);
        logging.start();

        logging.log.info("kept");
        logging.log.info("dropped");
        logging.appender.stop();

        assertThat(lines())
                .anyMatch(
                        l -> l.contains(
                                "|-WARN in io.logship.logback.datadog.DatadogAppender[dd] - Dropped 1 QUEUE_FULL records so far"));
        assertThat(lines())
                .anyMatch(
                        l -> l.contains(
                                "|-WARN in io.logship.logback.datadog.DatadogAppender[dd] - Stopped with 1 records not sent to tcp://"));
    }

    @Test
    void warnOnStderrFalseKeepsStderrQuiet() throws Exception {
        TestLogging logging = new TestLogging(LineServer.unusedPort());
        logging.appender.setQueueSize(1);
        logging.appender.setShutdownTimeout(Duration.buildByMilliseconds(100));
        logging.appender.setStderr(err, 0);
        logging.appender.setWarnOnStderr(false);
        logging.start();

        logging.log.info("kept");
        logging.log.info("dropped");
        logging.appender.stop();

        assertThat(lines()).isEmpty();
        assertThat(logging.warnings()).anyMatch(w -> w.startsWith("Dropped 1 QUEUE_FULL"));
    }
}
