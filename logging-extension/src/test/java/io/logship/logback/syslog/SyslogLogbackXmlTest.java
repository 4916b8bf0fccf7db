package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both appenders are plain logback components: every option maps from logback.xml without warnings. */
@Timeout(30)
class SyslogLogbackXmlTest {

    private static LoggerContext configure(String xml) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    private static List<String> problems(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    @Test
    void everyOptionConfiguresFromXmlAndTheMessageArrives() throws Exception {
        try (DatagramChannel daemon = DatagramChannel.open()) {
            daemon.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) daemon.getLocalAddress()).getPort();
            String xml = "<configuration>\n"
                    + "  <appender name=\"syslog\" class=\"io.logship.logback.syslog.SyslogAppender\">\n"
                    + "    <transport>udp</transport><host>127.0.0.1</host><port>" + port + "</port>\n"
                    + "    <facility>local4</facility><programName>xmlapp</programName><hostname>h1</hostname>\n"
                    + "    <msgId>M1</msgId><sdId>acme@32473</sdId><keyValuesInStructuredData>true</keyValuesInStructuredData>\n"
                    + "    <keyValuesInText>false</keyValuesInText><framing>octet-counting</framing>\n"
                    + "    <maxMessageBytes>4096</maxMessageBytes><connectTimeout>500 milliseconds</connectTimeout>\n"
                    + "    <writeTimeout>2 seconds</writeTimeout><reconnectDelay>5 seconds</reconnectDelay>\n"
                    + "    <layout class=\"io.logship.logback.encoder.TextLayout\">\n"
                    + "      <includeTimestamp>false</includeTimestamp><includePid>false</includePid>\n"
                    + "    </layout>\n"
                    + "  </appender>\n"
                    + "  <appender name=\"journal\" class=\"io.logship.logback.journald.JournaldAppender\">\n"
                    + "    <socketPath>/nonexistent/journal/socket</socketPath><programName>xmlapp</programName>\n"
                    + "    <includeCallerData>true</includeCallerData><maxEntryBytes>65536</maxEntryBytes>\n"
                    + "  </appender>\n"
                    + "  <logger name=\"journal-only\" additivity=\"false\"><appender-ref ref=\"journal\"/></logger>\n"
                    + "  <root level=\"INFO\"><appender-ref ref=\"syslog\"/></root>\n"
                    + "</configuration>\n";

            LoggerContext context = configure(xml);
            context.getLogger("x").atWarn().addKeyValue("k", 1).log("hello");
            ByteBuffer received = ByteBuffer.allocate(4096);
            daemon.receive(received);
            context.stop();

            assertThat(problems(context)).isEmpty();
            String message = new String(received.array(), 0, received.position(), StandardCharsets.UTF_8);
            assertThat(message)
                    .startsWith("<164>1 ")
                    .endsWith(" h1 xmlapp " + ProcessHandle.current().pid()
                            + " M1 [acme@32473 k=\"1\"] WARN     x [k: 1]: hello");
        }
    }

    @Test
    void defaultLayoutPutsTheStackTraceOnTheNextLinesWithoutATrailingNewline() throws Exception {
        try (DatagramChannel daemon = DatagramChannel.open()) {
            daemon.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LoggerContext context = new LoggerContext();
            SyslogAppender appender = new SyslogAppender();
            appender.setContext(context);
            appender.setPort(((InetSocketAddress) daemon.getLocalAddress()).getPort());
            appender.setMaxMessageBytes(65000);
            appender.start();
            context.getLogger("x").addAppender(appender);

            context.getLogger("x").info("plain");
            context.getLogger("x").error("boom", new IllegalStateException("bad"));
            ByteBuffer plain = ByteBuffer.allocate(65536);
            daemon.receive(plain);
            ByteBuffer failure = ByteBuffer.allocate(65536);
            daemon.receive(failure);
            appender.stop();

            assertThat(new String(plain.array(), 0, plain.position(), StandardCharsets.UTF_8))
                    .endsWith(" - plain");
            assertThat(new String(failure.array(), 0, failure.position(), StandardCharsets.UTF_8))
                    .contains(" - boom\njava.lang.IllegalStateException: bad\n\tat io.logship.")
                    .doesNotEndWith("\n");
        }
    }
}
