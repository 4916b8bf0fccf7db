package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A fresh logger context with one {@link DatadogAppender} on the logger {@code app}, for tests. */
final class TestLogging implements AutoCloseable {

    final LoggerContext context = new LoggerContext();
    final DatadogAppender appender = new DatadogAppender();
    final Logger log;

    TestLogging(int port) {
        context.setName("test");
        context.setMDCAdapter(new LogbackMDCAdapter());
        appender.setContext(context);
        appender.setName("dd");
        appender.setPort(port);
        appender.setHost("127.0.0.1");
        appender.setShutdownHook(false);
        appender.setHostname("test-host");
        appender.setEnvironment(new DatadogEnvironment(Map.<String, String>of()::get));
        appender.setReconnectDelayMin(Duration.buildByMilliseconds(10));
        appender.setReconnectDelayMax(Duration.buildByMilliseconds(50));
        appender.setShutdownTimeout(Duration.buildByMilliseconds(500));
        log = context.getLogger("app");
        log.setLevel(Level.DEBUG);
        log.setAdditive(false);
    }

    TestLogging start() {
        appender.start();
        log.addAppender(appender);
        return this;
    }

    List<String> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    List<String> warnings() {
        return statuses(Status.WARN);
    }

    List<String> errors() {
        return statuses(Status.ERROR);
    }

    @Override
    public void close() {
        appender.stop();
        context.stop();
    }
}
