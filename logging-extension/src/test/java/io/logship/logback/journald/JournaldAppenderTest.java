package io.logship.logback.journald;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import io.logship.logback.syslog.StatusMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JournaldAppender} without a daemon: configuration errors, drops, and the size policy. */
class JournaldAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final JournaldAppender appender = new JournaldAppender();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        appender.stop();
        context.stop();
    }

    private void start() {
        appender.setContext(context);
        appender.setName("JOURNAL");
        appender.setProgramName("shop");
        appender.start();
    }

    private LoggingEvent event(String message, Throwable t) {
        Logger logger = context.getLogger("app");
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, t, null);
    }

    private static String text(byte[] entry) {
        return new String(entry, StandardCharsets.UTF_8);
    }

    @Test
    void tooSmallMaxEntryBytesAndBlankSocketPathAreErrors() {
        appender.setMaxEntryBytes(100);
        appender.setSocketPath(" ");

        start();

        assertThat(appender.isStarted()).isFalse();
        assertThat(StatusMessages.of(context, Status.ERROR))
                .containsExactly(
                        "socketPath is required (journald's is /run/systemd/journal/socket)",
                        "maxEntryBytes must be >= 1024: 100",
                        "journald appender 'JOURNAL' not started: 2 configuration error(s)");
    }

    @Test
    void missingJournalSocketDropsAndCountsWithoutThrowing() {
        appender.setSocketPath(dir.resolve("no-journald").toString());
        start();
        Logger log = context.getLogger("app");
        log.addAppender(appender);

        log.info("one");
        log.info("two");

        assertThat(appender.getDroppedCount()).isEqualTo(2);
        assertThat(StatusMessages.of(context, Status.WARN))
                .singleElement()
                .asString()
                .startsWith("journal entries dropped: 1 so far");
    }

    @Test
    void smallEntryIsWrittenWhole() {
        appender.setSocketPath(dir.resolve("j").toString());
        start();

        byte[] entry = appender.encode(event("hi", null));

        assertThat(text(entry))
                .isEqualTo("PRIORITY=6\nSYSLOG_IDENTIFIER=shop\nLOGGER_NAME=app\nLOGGER_LEVEL=INFO\n" + "THREAD_NAME="
                        + Thread.currentThread().getName() + "\nMESSAGE=hi\n");
        assertThat(appender.getTruncatedCount()).isZero();
    }

    @Test
    void cutsExceptionTextFirstThenMessageToFitMaxEntryBytes() {
        appender.setSocketPath(dir.resolve("j").toString());
        appender.setMaxEntryBytes(1024);
        start();
        Exception deep = new IllegalStateException("x".repeat(3000));

        byte[] bigException = appender.encode(event("short message", deep));
        byte[] bigBoth = appender.encode(event("m".repeat(3000), deep));

        assertThat(bigException.length).isLessThanOrEqualTo(1024);
        assertThat(text(bigException))
                .contains("MESSAGE=short message\n")
                .contains(JournaldAppender.TRUNCATION_MARKER + "\n");
        assertThat(bigBoth.length).isLessThanOrEqualTo(1024);
        assertThat(text(bigBoth))
                .contains("MESSAGE=mmm")
                .contains("m" + JournaldAppender.TRUNCATION_MARKER + "\n")
                .doesNotContain("IllegalStateException");
        assertThat(appender.getTruncatedCount()).isEqualTo(2);
    }

    @Test
    void entryAtTheLimitIsNotCutAndOneByteMoreIs() {
        appender.setSocketPath(dir.resolve("j").toString());
        appender.setMaxEntryBytes(1024);
        start();
        int fixed = appender.encode(event("", null)).length; // every field, MESSAGE= empty
        // The size policy reserves the binary form's 8 length bytes for MESSAGE, hence the - 8.
        String fits = "a".repeat(1024 - fixed - 8);

        byte[] at = appender.encode(event(fits, null));
        byte[] over = appender.encode(event(fits + "a", null));

        assertThat(text(at)).contains("MESSAGE=" + fits + "\n");
        assertThat(text(over)).endsWith(JournaldAppender.TRUNCATION_MARKER + "\n");
        assertThat(appender.getTruncatedCount()).isEqualTo(1);
    }

    @Test
    void cutNeverSplitsAUtf8Character() {
        byte[] value = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                .getBytes(StandardCharsets.UTF_8); // 24 bytes

        byte[] cut = JournaldAppender.cut(value, JournaldAppender.TRUNCATION_MARKER.length() + 5);

        assertThat(new String(cut, StandardCharsets.UTF_8))
                .isEqualTo("\u00e9\u00e9" + JournaldAppender.TRUNCATION_MARKER);
    }
}
