package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ContextBase;
import io.logship.schema.Backoff;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * netty is an optional dependency: with only logback, slf4j and logship on the class path, the JDK transports work
 * and the unix datagram ones refuse to start with a clear error instead of a NoClassDefFoundError.
 */
class WithoutNettyTest {

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static List<String> start(ClassLoader loader, String appenderClass, String transport) throws Exception {
        Class<?> contextClass = loader.loadClass(LoggerContext.class.getName());
        Object context = contextClass.getConstructor().newInstance();
        Class<?> type = loader.loadClass(appenderClass);
        Object appender = type.getConstructor().newInstance();
        type.getMethod("setContext", loader.loadClass("ch.qos.logback.core.Context"))
                .invoke(appender, context);
        type.getMethod("setName", String.class).invoke(appender, "A");
        if (transport != null) {
            type.getMethod("setTransport", String.class).invoke(appender, transport);
            type.getMethod("setSocketPath", String.class).invoke(appender, "/dev/log");
        }
        type.getMethod("start").invoke(appender);
        List<String> messages = new ArrayList<>();
        messages.add("started=" + type.getMethod("isStarted").invoke(appender));
        Object statusManager = contextClass.getMethod("getStatusManager").invoke(context);
        for (Object status : (List<?>)
                statusManager.getClass().getMethod("getCopyOfStatusList").invoke(statusManager)) {
            messages.add((String) status.getClass().getMethod("getMessage").invoke(status));
        }
        type.getMethod("stop").invoke(appender);
        return messages;
    }

    @Test
    void unixDatagramTransportsReportMissingNettyAndOthersStillWork() throws Exception {
        URL[] classPath = {
            jarOf(SyslogAppender.class),
            jarOf(Backoff.class), // logship-schema, a required dependency
            jarOf(LoggerContext.class),
            jarOf(ContextBase.class),
            jarOf(LoggerFactory.class)
        };
        assertThat(classPath).noneMatch(u -> u.toString().contains("netty"));

        try (URLClassLoader loader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            List<String> datagram = start(loader, SyslogAppender.class.getName(), "unix-datagram");
            List<String> journald = start(loader, "io.logship.logback.journald.JournaldAppender", null);
            List<String> stream = start(loader, SyslogAppender.class.getName(), "unix-stream");

            assertThat(datagram)
                    .startsWith("started=false")
                    .anySatisfy(m -> assertThat(m)
                            .startsWith(
                                    "transport unix-datagram: unix datagram sockets need io.netty:netty-transport-classes-epoll and "
                                            + "io.netty:netty-transport-native-epoll"));
            assertThat(journald)
                    .startsWith("started=false")
                    .anySatisfy(m -> assertThat(m)
                            .startsWith("journald needs a unix datagram socket: unix datagram sockets "
                                    + "need io.netty:netty-transport-classes-epoll"));
            assertThat(stream).containsExactly("started=true");
        }
    }
}
