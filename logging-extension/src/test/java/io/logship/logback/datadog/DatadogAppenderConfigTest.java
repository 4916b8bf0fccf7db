package io.logship.logback.datadog;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.Output;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DatadogAppenderConfigTest {

    @Test
    void startReportsEveryProblemAndStaysStopped() {
        try (TestLogging logging = new TestLogging(1)) {
            logging.appender.setQueueSize(0);
            logging.appender.setReconnectDelayMin(Duration.buildBySeconds(2));
            logging.appender.setReconnectDelayMax(Duration.buildBySeconds(1));
            logging.appender.setMaxDatagramBytes(100);
            logging.appender.setDroppedWarnFrequency(0);
            logging.appender.setPort(70_000);

            logging.appender.start();

            assertThat(logging.appender.isStarted()).isFalse();
            assertThat(logging.errors())
                    .containsExactly(
                            "queueSize must be in [1, 2^30]: 0",
                            "reconnectDelayMax (1 seconds) must be >= reconnectDelayMin (2 seconds)",
                            "port must be in [1, 65535]: 70000",
                            "maxDatagramBytes must be in [512, 65507]: 100",
                            "droppedWarnFrequency must be >= 1: 0");
        }
    }

    @Test
    void startReportsABadPortVariable() {
        try (TestLogging logging = new TestLogging(0)) {
            logging.appender.setEnvironment(new DatadogEnvironment(Map.of("LOGSHIP_DATADOG_PORT", "x")::get));

            logging.appender.start();

            assertThat(logging.appender.isStarted()).isFalse();
            assertThat(logging.errors())
                    .containsExactly("LOGSHIP_DATADOG_PORT must be a port number in [1, 65535]: 'x'");
        }
    }

    @Test
    void takesHostPortServiceAndTagsFromTheEnvironment() throws Exception {
        try (LineServer server = LineServer.start();
                TestLogging logging = new TestLogging(0)) {
            logging.appender.setHost(null);
            logging.appender.setEnvironment(new DatadogEnvironment(Map.of(
                    "DD_AGENT_HOST",
                    "127.0.0.1",
                    "LOGSHIP_DATADOG_PORT",
                    String.valueOf(server.port()),
                    "DD_SERVICE",
                    "api",
                    "DD_ENV",
                    "prod",
                    "DD_VERSION",
                    "1.2",
                    "DD_TAGS",
                    "team:a")::get));
            logging.start();

            logging.log.info("hello");

            await().atMost(ofSeconds(20)).until(() -> !server.lines.isEmpty());
            var json = DatadogAppenderTcpTest.parse(server.lines.get(0));
            assertThat(json.get("service").asText()).isEqualTo("api");
            assertThat(json.get("ddtags").asText()).isEqualTo("team:a,env:prod,version:1.2");
            assertThat(json.get("host").asText()).isEqualTo("test-host");
        }
    }

    @Test
    void isConfigurableFromLogbackXml() throws Exception {
        try (DatagramServer server = new DatagramServer()) {
            String xml = "<configuration>"
                    + "<appender name='DD' class='io.logship.logback.datadog.DatadogAppender'>"
                    + "<host>127.0.0.1</host><port>" + server.port() + "</port><protocol>UDP</protocol>"
                    + "<queueSize>100</queueSize><queueMaxBytes>1 MB</queueMaxBytes>"
                    + "<whenFull>BLOCK_WITH_TIMEOUT</whenFull><blockTimeout>50 milliseconds</blockTimeout>"
                    + "<shutdownTimeout>1 second</shutdownTimeout><shutdownHook>false</shutdownHook>"
                    + "<service>checkout</service><source>jvm</source><tags>team:a</tags><env>prod</env>"
                    + "<hostname>h1</hostname>"
                    + "</appender><root level='INFO'><appender-ref ref='DD'/></root></configuration>";
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);

            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            DatadogAppender appender = (DatadogAppender) root.getAppender("DD");
            root.info("from xml");

            try {
                assertThat(appender.isStarted()).isTrue();
                assertThat(appender.getQueueMaxBytes().getSize()).isEqualTo(1024 * 1024);
                assertThat(appender.getBlockTimeout().getMilliseconds()).isEqualTo(50);
                assertThat(appender.getWhenFull()).isEqualTo(WhenQueueFull.BLOCK_WITH_TIMEOUT);
                await().atMost(ofSeconds(20)).until(() -> !server.datagrams.isEmpty());
                var json = DatadogAppenderTcpTest.parse(server.datagrams.get(0));
                assertThat(json.get("message").asText()).isEqualTo("from xml");
                assertThat(json.get("ddsource").asText()).isEqualTo("jvm");
                assertThat(json.get("ddtags").asText()).startsWith("team:a").contains("env:prod");
                assertThat(json.get("host").asText()).isEqualTo("h1");
            } finally {
                context.stop();
            }
            assertThat(appender.isStarted()).isFalse();
        }
    }

    @Test
    void outputLevelKeepsOnlyRecordsAtOrAboveTheThreshold() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try (LineServer server = LineServer.start()) {
            var appender = DatadogOutput.create()
                    .agent("127.0.0.1", server.port())
                    .hostname("h")
                    .configure(a -> a.setShutdownHook(false))
                    .level(Level.WARN)
                    .createAppender(context, "prog");
            Logger log = context.getLogger("x");
            log.addAppender(appender);

            log.info("below");
            log.warn("at");
            log.error("above");
            appender.stop();

            await().atMost(ofSeconds(20)).until(() -> server.lines.size() >= 2);
            assertThat(server.lines)
                    .extracting(
                            l -> DatadogAppenderTcpTest.parse(l).get("message").asText())
                    .containsExactly("at", "above");
        } finally {
            context.stop();
        }
    }

    @Test
    void outputBuildsAStartedAppenderAndFailsClearlyOnBadOptions() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try (LineServer server = LineServer.start()) {
            DatadogOutput output = Output.datadog()
                    .agent("127.0.0.1", server.port())
                    .service("svc")
                    .hostname("h")
                    .configure(a -> a.setShutdownHook(false));

            var appender = output.createAppender(context, "prog");
            context.getLogger("x").addAppender(appender);
            context.getLogger("x").info("via output");

            await().atMost(ofSeconds(20)).until(() -> !server.lines.isEmpty());
            assertThat(DatadogAppenderTcpTest.parse(server.lines.get(0))
                            .get("service")
                            .asText())
                    .isEqualTo("svc");
            appender.stop();

            assertThatThrownBy(() -> output.queue(0, new FileSize(1)).createAppender(context, "prog"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Datadog output did not start: [queueSize must be in [1, 2^30]: 0]");
        } finally {
            context.stop();
        }
    }
}
