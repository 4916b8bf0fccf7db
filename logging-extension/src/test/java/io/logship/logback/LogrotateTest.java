package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import io.logship.logback.syslog.Daemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file output under a real {@code logrotate} run (Debian: {@code apt-get install logrotate}): after the rotation
 * the next record goes to a new {@code <program>.log}, the earlier ones stay in {@code <program>.log.1}, none lost.
 */
class LogrotateTest {
    private static final Path LOGROTATE = Path.of("/usr/sbin/logrotate");

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private Appender<ILoggingEvent> appender;

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
        context.stop();
    }

    @Test
    void renameAndCreate() throws Exception {
        rotateAndCheck("create 0640");
    }

    @Test
    void renameWithoutCreate() throws Exception {
        rotateAndCheck("nocreate");
    }

    @Test
    void twoRotationsInARow() throws Exception {
        Daemon.assumeAvailable(LOGROTATE, "apt-get install logrotate");
        appender = Output.file(dir).createAppender(context, "app");
        Path log = dir.resolve("app.log");
        log("one");
        logrotate("create 0640");
        log("two");
        logrotate("create 0640");
        log("three");

        assertThat(Files.readString(dir.resolve("app.log.2"))).contains("one").doesNotContain("two");
        assertThat(Files.readString(dir.resolve("app.log.1"))).contains("two").doesNotContain("three");
        assertThat(Files.readString(log)).contains("three").doesNotContain("two");
    }

    private void rotateAndCheck(String createDirective) throws Exception {
        Daemon.assumeAvailable(LOGROTATE, "apt-get install logrotate");
        appender = Output.file(dir).createAppender(context, "app");
        Path log = dir.resolve("app.log");
        for (int i = 0; i < 100; i++) {
            log("before " + i);
        }
        logrotate(createDirective);
        assertThat(dir.resolve("app.log.1")).exists();
        for (int i = 0; i < 100; i++) {
            log("after " + i);
        }

        String rotated = Files.readString(dir.resolve("app.log.1"));
        String current = Files.readString(log);
        assertThat(rotated.lines()).hasSize(100).allMatch(l -> l.contains("before "));
        assertThat(current.lines()).hasSize(100).allMatch(l -> l.contains("after "));
    }

    private void log(String message) {
        LoggingEvent e = new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, null);
        appender.doAppend(e);
    }

    /** One forced rotation of {@code app.log} by the real logrotate, with its own state file. */
    private void logrotate(String createDirective) throws IOException, InterruptedException {
        Path conf = dir.resolve("logrotate.conf");
        Files.writeString(
                conf,
                dir.resolve("app.log") + " {\n  rotate 5\n  nocompress\n  missingok\n  " + createDirective + "\n}\n",
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of(
                        LOGROTATE.toString(),
                        "--force",
                        "--state",
                        dir.resolve("state").toString(),
                        conf.toString()))
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("logrotate finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("logrotate: " + out).isZero();
    }
}
