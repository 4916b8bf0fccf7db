package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.Duration;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.encoder.LogstashEncoder;

/** Builds the two appenders compared by the benchmarks, each in its own logger context. Not a test. */
final class BenchAppenders {

    final LoggerContext context = new LoggerContext();
    final Logger log;
    final Appender<ILoggingEvent> appender;

    /**
     * @param kind {@code logship} or {@code lle}
     * @param blocking true: never drop (logship BLOCK_WITH_TIMEOUT 60 s, LLE appendTimeout -1); false: defaults
     */
    BenchAppenders(String kind, int port, boolean blocking) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (kind.equals("logship")) {
            DatadogAppender a = new DatadogAppender();
            a.setContext(context);
            a.setPort(port);
            a.setHost("127.0.0.1");
            a.setShutdownHook(false);
            a.setService("bench");
            a.setHostname("bench-host");
            if (blocking) {
                a.setWhenFull(WhenQueueFull.BLOCK_WITH_TIMEOUT);
                a.setBlockTimeout(Duration.buildBySeconds(60));
            }
            a.start();
            appender = a;
        } else if (kind.equals("lle")) {
            LogstashTcpSocketAppender a = new LogstashTcpSocketAppender();
            a.setContext(context);
            a.addDestination("127.0.0.1:" + port);
            LogstashEncoder encoder = new LogstashEncoder();
            encoder.setContext(context);
            encoder.start();
            a.setEncoder(encoder);
            if (blocking) {
                a.setAppendTimeout(Duration.buildByMilliseconds(-1));
            }
            a.start();
            appender = a;
        } else {
            throw new IllegalArgumentException("kind must be logship or lle: " + kind);
        }
        log = context.getLogger("bench.App");
        log.setLevel(Level.INFO);
        log.setAdditive(false);
        log.addAppender(appender);
    }

    void stop() {
        appender.stop();
        context.stop();
    }
}
