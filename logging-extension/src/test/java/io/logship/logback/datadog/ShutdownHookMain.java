package io.logship.logback.datadog;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/**
 * Child process of {@link DatadogShutdownHookTest}: logs {@code count} records to {@code 127.0.0.1:port} and returns
 * from main without stopping anything, so only the appender's JVM shutdown hook can deliver them.
 */
public final class ShutdownHookMain {

    private ShutdownHookMain() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        DatadogAppender appender = new DatadogAppender();
        appender.setContext(context);
        appender.setHost("127.0.0.1");
        appender.setPort(port);
        appender.setHostname("child");
        appender.start();
        Logger log = context.getLogger("child");
        log.addAppender(appender);
        for (int i = 0; i < count; i++) {
            log.atInfo().setMessage("from the child").addKeyValue("seq", i).log();
        }
    }
}
