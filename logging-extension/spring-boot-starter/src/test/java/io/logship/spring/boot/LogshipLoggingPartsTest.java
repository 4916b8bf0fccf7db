package io.logship.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import io.logship.logback.context.KeyValueArgumentFilter;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.encoder.JsonEncoder;
import io.logship.logback.encoder.TextEncoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pieces of {@link LogshipLoggingSystem} on a fresh logger context, without starting an application. */
class LogshipLoggingPartsTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    LogshipLoggingPartsTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private ConsoleAppender<ILoggingEvent> springConsole() {
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern("%msg%n");
        pattern.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(LogshipConsole.CONSOLE);
        console.setEncoder(pattern);
        console.start();
        root.addAppender(console);
        return console;
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theConsoleGetsLogshipsTextOrJsonEncoderAndStaysStarted() {
        ConsoleAppender<ILoggingEvent> console = springConsole();

        LogshipConsole.apply(
                context,
                LogshipLoggingSystem.properties(LogshipPropertiesTest.environment(Map.of())),
                LogshipPropertiesTest.environment(Map.of()));
        assertThat(console.getEncoder()).isInstanceOf(TextEncoder.class);

        LogshipConsole.apply(
                context,
                LogshipLoggingSystem.properties(LogshipPropertiesTest.environment(Map.of("logship.format", "json"))),
                LogshipPropertiesTest.environment(Map.of()));
        assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
        assertThat(console.isStarted()).isTrue();
    }

    @Test
    void springsStructuredConsoleFormatIsLeftAlone() {
        ConsoleAppender<ILoggingEvent> console = springConsole();
        var environment = LogshipPropertiesTest.environment(Map.of("logging.structured.format.console", "ecs"));

        LogshipConsole.apply(context, LogshipLoggingSystem.properties(environment), environment);

        assertThat(console.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    }

    @Test
    void datadogOutputJoinsTheRootOnceNamedForTheApplicationWithItsHookStoodDown() throws Exception {
        var environment = LogshipPropertiesTest.environment(Map.of(
                "spring.application.name",
                "checkout",
                "logship.datadog.enabled",
                "true",
                "logship.datadog.port",
                String.valueOf(unusedPort())));

        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(environment), environment);
        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(environment), environment);

        assertThat(LogshipOutputs.datadogAppenders(root)).hasSize(1);
        DatadogAppender appender = LogshipOutputs.datadogAppenders(root).get(0);
        assertThat(appender.getName()).isEqualTo(LogshipOutputs.DATADOG);
        assertThat(appender.getService()).isEqualTo("checkout");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.isShutdownHook()).isFalse();
        assertThat(context.getTurboFilterList()).hasSize(1).allMatch(f -> f instanceof KeyValueArgumentFilter);
    }

    @Test
    void aDatadogAppenderFromXmlKeepsItsHookOnlyWhenSpringRegistersNone() throws Exception {
        DatadogAppender fromXml = new DatadogAppender();
        fromXml.setContext(context);
        fromXml.setName("DATADOG");
        fromXml.setPort(unusedPort());
        fromXml.start();
        root.addAppender(fromXml);

        var noSpringHook = LogshipPropertiesTest.environment(Map.of("logging.register-shutdown-hook", "false"));
        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(noSpringHook), noSpringHook);
        assertThat(fromXml.isShutdownHook()).isTrue();

        var defaults = LogshipPropertiesTest.environment(Map.of("logship.datadog.enabled", "true"));
        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(defaults), defaults);
        assertThat(fromXml.isShutdownHook()).isFalse();
        assertThat(LogshipOutputs.datadogAppenders(root)).containsExactly(fromXml); // no second Datadog output
    }

    @Test
    void metersCountWhatTheDatadogOutputDropsAndQueues() throws Exception {
        var environment = LogshipPropertiesTest.environment(Map.of(
                "logship.datadog.enabled",
                "true",
                "logship.datadog.port",
                String.valueOf(unusedPort()),
                "logship.datadog.queue-size",
                "1",
                "logship.datadog.shutdown-timeout",
                "100ms"));
        LogshipOutputs.afterInitialize(context, LogshipLoggingSystem.properties(environment), environment);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new LogshipMetrics(context).bindTo(registry);

        for (int i = 0; i < 3; i++) {
            context.getLogger("app").info("record {}", i);
        }

        assertThat(registry.get(LogshipMetrics.DROPPED)
                        .tag("reason", "queue_full")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(LogshipMetrics.QUEUED).gauge().value()).isEqualTo(1);
        assertThat(registry.get(LogshipMetrics.SENT).functionCounter().count()).isZero();
        assertThat(registry.find(LogshipMetrics.DROPPED).functionCounters()).hasSize(5); // one per reason
    }
}
