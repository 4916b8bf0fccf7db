package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A JVM that exits with records still queued delivers them through the appender's shutdown hook. */
@Timeout(60)
class DatadogShutdownHookTest {

    @Test
    void jvmExitDeliversWhatIsQueued() throws Exception { // 5,000 records: fewer than the default queue holds
        try (LineServer server = LineServer.start()) {
            String javaBin =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            javaBin,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ShutdownHookMain.class.getName(),
                            String.valueOf(server.port()),
                            "5000")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();

            boolean exited = child.waitFor(30, TimeUnit.SECONDS);

            assertThat(exited).isTrue();
            assertThat(child.exitValue()).isZero();
            // The hook ran stop(), which returns only after the last write: every line is in the server's socket now.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.lines.size() >= 5_000);
            assertThat(DatadogAppenderTcpTest.seqs(server.lines)).isEqualTo(DatadogAppenderTcpTest.range(0, 5_000));
        }
    }
}
