package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A reset of the logback context after setup() (what Spring Boot's logging initialisation does) is announced. */
class ResetWatcherTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Logship.setup(
                SetupOptions.builder()
                        .noUncaughtExceptionHandler()
                        .outputs(List.of())
                        .noJulBridge()
                        .build(),
                Map.of(),
                null);
    }

    private static SetupOptions withList(ListAppender<ILoggingEvent> list) {
        return SetupOptions.builder()
                .noUncaughtExceptionHandler()
                .noJulBridge()
                .outputs((Output) (ctx, program) -> {
                    list.setContext(ctx);
                    list.start();
                    return (Appender<ILoggingEvent>) list;
                })
                .build();
    }

    @Test
    void aResetAfterSetupPrintsOneLineOnStderrPointingAtTheStarter() {
        Logship.setup(withList(new ListAppender<>()), Map.of(), null);
        ResetWatcher.rearm();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

        context.reset();
        Logship.setup(withList(new ListAppender<>()), Map.of(), null);
        context.reset();

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).isEqualTo(ResetWatcher.MESSAGE + System.lineSeparator());
        assertThat(printed).contains("io.logship:logship-spring-boot-starter");
        assertThat(Logship.appenders()).isEmpty();
    }

    @Test
    void aResetWithoutLogshipAppendersSaysNothing() {
        Logship.setup(
                SetupOptions.builder()
                        .noUncaughtExceptionHandler()
                        .outputs(List.of())
                        .noJulBridge()
                        .build(),
                Map.of(),
                null);
        ResetWatcher.rearm();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

        context.reset();

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
