package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the application and the operator see when no daemon is there: nothing thrown, drops counted, few warnings. */
@Timeout(30)
class SyslogAppenderFailureTest {
    private final LoggerContext context = new LoggerContext();
    private final SyslogAppender appender = new SyslogAppender();

    @AfterEach
    void stop() {
        appender.stop();
        context.stop();
    }

    private Logger start() {
        appender.setContext(context);
        appender.setName("SYSLOG");
        appender.start();
        assertThat(appender.isStarted())
                .as("errors: %s", StatusMessages.of(context, Status.ERROR))
                .isTrue();
        Logger logger = context.getLogger("app");
        logger.addAppender(appender);
        return logger;
    }

    @Test
    void tcpWithoutDaemonDropsCountsAndWarnsOnce() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        appender.setTransport("tcp");
        appender.setPort(port);
        Logger log = start();

        for (int i = 0; i < 5; i++) {
            log.info("record {}", i);
        }

        assertThat(appender.getDroppedCount()).isEqualTo(5);
        assertThat(StatusMessages.of(context, Status.WARN))
                .singleElement()
                .asString()
                .startsWith("syslog messages dropped: 1 so far (reported on the first and every 1000th): ");
    }

    @Test
    void unixDatagramToAMissingSocketDropsAndCounts(@TempDir Path dir) {
        appender.setTransport("unix-datagram");
        appender.setSocketPath(dir.resolve("absent.sock").toString());
        Logger log = start();

        log.info("one");
        log.warn("two");

        assertThat(appender.getDroppedCount()).isEqualTo(2);
        assertThat(StatusMessages.of(context, Status.WARN))
                .singleElement()
                .asString()
                .contains("syslog messages dropped: 1 so far");
    }

    @Test
    void unixStreamToAMissingSocketDropsAndCounts(@TempDir Path dir) {
        appender.setTransport("unix-stream");
        appender.setSocketPath(dir.resolve("absent.sock").toString());
        Logger log = start();

        log.info("one");

        assertThat(appender.getDroppedCount()).isEqualTo(1);
    }

    @Test
    void reporterWarnsOnFirstAndEveryNthAndSaysWhenItWorksAgain() {
        appender.setContext(context);
        OccurrenceReporter reporter = new OccurrenceReporter(appender, "things dropped", 3);

        for (int i = 0; i < 7; i++) {
            reporter.occurred("because", null);
        }
        reporter.resolved();
        reporter.resolved();

        assertThat(StatusMessages.of(context, Status.WARN))
                .containsExactly(
                        "things dropped: 1 so far (reported on the first and every 3th): because",
                        "things dropped: 3 so far (reported on the first and every 3th): because",
                        "things dropped: 6 so far (reported on the first and every 3th): because");
        assertThat(StatusMessages.of(context, Status.INFO))
                .containsExactly("working again after 7 things dropped in a row (7 in total)");
        assertThat(reporter.total()).isEqualTo(7);
    }
}
