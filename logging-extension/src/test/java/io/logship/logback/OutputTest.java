package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.encoder.ColorMode;
import io.logship.logback.encoder.JsonEncoder;
import io.logship.logback.encoder.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private Logger attach(Appender<ILoggingEvent> appender) {
        Logger logger = context.getLogger("app");
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        return logger;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void fileOutputWritesProgramNameDotLogInACreatedDirectory() throws IOException {
        Path nested = dir.resolve("a/b");
        Appender<ILoggingEvent> appender = Output.file(nested).json().createAppender(context, "myapp");

        attach(appender).info("hello");
        appender.stop();

        assertThat(Files.readString(nested.resolve("myapp.log")))
                .startsWith("{\"timestamp\":")
                .contains("\"message\":\"hello\"");
    }

    @Test
    void sizeRotationKeepsMaxFilesArchivesOnDisk() throws IOException {
        Appender<ILoggingEvent> appender =
                Output.rotatingFile(dir, FileSize.valueOf("200"), 2).createAppender(context, "app");
        Logger logger = attach(appender);

        for (int i = 0; i < 20; i++) {
            logger.info("record number {} with some padding to fill the file", i);
        }
        appender.stop();

        assertThat(files()).containsExactly("app.log", "app.log.1", "app.log.2");
        assertThat(Files.readString(dir.resolve("app.log"))).contains("record number 19");
        assertThat(Files.size(dir.resolve("app.log.1"))).isLessThanOrEqualTo(200 + 120);
    }

    @Test
    @SuppressWarnings("unchecked")
    void timeRotationArchivesWhenTheClockPassesThePeriod() throws IOException {
        RollingFileAppender<ILoggingEvent> appender = (RollingFileAppender<ILoggingEvent>)
                Output.timedRotatingFile(dir, ChronoUnit.DAYS, 3).createAppender(context, "app");
        Logger logger = attach(appender);
        String today = LocalDate.now(ZoneId.systemDefault()).toString();
        logger.info("before midnight");

        ((TimeBasedRollingPolicy<ILoggingEvent>) appender.getRollingPolicy())
                .getTimeBasedFileNamingAndTriggeringPolicy()
                .setCurrentTime(System.currentTimeMillis()
                        + ChronoUnit.DAYS.getDuration().toMillis());
        logger.info("after midnight");
        appender.stop();

        assertThat(files()).containsExactly("app." + today + ".log", "app.log");
        assertThat(Files.readString(dir.resolve("app." + today + ".log")))
                .contains("before midnight")
                .doesNotContain("after");
        assertThat(Files.readString(dir.resolve("app.log")))
                .contains("after midnight")
                .doesNotContain("before");
    }

    @Test
    void thresholdFiltersBelowTheOutputLevel() throws IOException {
        Appender<ILoggingEvent> appender = Output.file(dir).level(Level.WARN).createAppender(context, "t");

        Logger logger = attach(appender);
        logger.info("quiet");
        logger.warn("loud");
        appender.stop();

        assertThat(Files.readString(dir.resolve("t.log")))
                .contains("WARN     app: loud")
                .doesNotContain("quiet");
    }

    @Test
    void unwritableDirectoryFailsWithTheAppendersError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> Output.file(file).createAppender(context, "app"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("file output " + file + " (TEXT) did not start: [");
    }

    @Test
    void streamOutputsAreConsoleAppendersWithTheChosenEncoder() {
        Appender<ILoggingEvent> json = Output.stdout().json().createAppender(context, "app");
        Appender<ILoggingEvent> text = Output.stderr().color(ColorMode.NEVER).createAppender(context, "app");

        assertThat(((ConsoleAppender<ILoggingEvent>) json).getTarget()).isEqualTo("System.out");
        assertThat(((ConsoleAppender<ILoggingEvent>) json).getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(((ConsoleAppender<ILoggingEvent>) text).getTarget()).isEqualTo("System.err");
        assertThat(((ConsoleAppender<ILoggingEvent>) text).getEncoder()).isInstanceOf(TextEncoder.class);
        assertThat(Output.stderr().json().toString()).isEqualTo("stderr output (JSON)");
        json.stop();
        text.stop();
    }

    @Test
    void impossibleValuesAreRejectedAtTheDoor() {
        assertThatThrownBy(() -> Output.rotatingFile(dir, FileSize.valueOf("1MB"), 21))
                .hasMessage("maxFiles must be 1..20: 21");
        assertThatThrownBy(() -> Output.rotatingFile(dir, new FileSize(0), 1))
                .hasMessage("maxSize must be > 0 bytes: 0 Bytes");
        assertThatThrownBy(() -> Output.timedRotatingFile(dir, ChronoUnit.WEEKS, 1))
                .hasMessage("period must be MINUTES, HOURS or DAYS: Weeks");
        assertThatThrownBy(() -> Output.timedRotatingFile(dir, ChronoUnit.DAYS, 0))
                .hasMessage("maxHistory must be >= 1 period: 0");
    }
}
