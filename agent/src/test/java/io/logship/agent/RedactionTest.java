package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logship.agent.destinations.Sender;
import io.logship.agent.destinations.intake.IntakeEndpoint;
import io.logship.agent.destinations.intake.IntakeRequests;
import io.logship.config.Compression;
import io.logship.config.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** An intake URL's user-info and key-like query parameters never show: start line, warnings, errors, config. */
class RedactionTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";
    private static final String URL_KEY = "url-key-never-shown-0123";
    private static final String API_KEY = "api-key-never-shown-4567";

    @TempDir
    Path dir;

    @Test
    void retryWarningsMaskTheUrlsSecrets() throws Exception {
        Logger agentLog = (Logger) LoggerFactory.getLogger(Agent.class);
        Logger senderLog = (Logger) LoggerFactory.getLogger(Sender.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        agentLog.addAppender(appender);
        senderLog.addAppender(appender);
        URI url = URI.create("http://bob:" + PASSWORD + "@127.0.0.1:" + FaultToleranceTest.freePort()
                + "/api/v2/logs?dd-api-key=" + URL_KEY + "&token=" + URL_KEY);
        AgentHarness.Config config = config(url, List.of(tcp("redact", 900_000)));
        config.apiKey = Secret.of(API_KEY);
        try (Agent agent = Agent.start(config.build())) {
            sendTcp(agent.boundAddresses().get(0), SeqLines.lines(0, 1, 100));
            await().atMost(AgentHarness.WAIT)
                    .until(() -> messages(appender).stream().anyMatch(m -> m.startsWith("sending a batch")));
        } finally {
            agentLog.detachAppender(appender);
            senderLog.detachAppender(appender);
        }

        List<String> messages = messages(appender);
        assertThat(messages)
                .anySatisfy(m -> assertThat(m)
                        .startsWith("sending a batch")
                        .contains("http://********@127.0.0.1:")
                        .contains("Connection refused"));
        assertThat(messages)
                .allSatisfy(m -> assertThat(m)
                        .doesNotContain(PASSWORD)
                        .doesNotContain(URL_KEY)
                        .doesNotContain(API_KEY)
                        .doesNotContain("bob"));
        assertThat(appender.list)
                .allSatisfy(e -> assertThat(String.valueOf(
                                e.getThrowableProxy() == null
                                        ? ""
                                        : e.getThrowableProxy().getMessage()))
                        .doesNotContain(PASSWORD)
                        .doesNotContain(URL_KEY));
    }

    @Test
    void printConfigMasksTheUrlsSecrets() throws IOException {
        Path file = Files.writeString(
                dir.resolve("agent.yaml"),
                "intake:\n  url: https://bob:" + PASSWORD + "@intake.example.com/api/v2/logs?api_key=" + URL_KEY
                        + "\n");
        StringWriter out = new StringWriter();
        CommandLine cli = LogshipAgent.commandLine(new LogshipAgent(Map.of("DD_API_KEY", API_KEY)));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        int code = cli.execute("--print-config", "-c", file.toString());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("url: https://********@intake.example.com/api/v2/logs?api_key=********")
                .doesNotContain(PASSWORD)
                .doesNotContain(URL_KEY)
                .doesNotContain(API_KEY);
    }

    @Test
    void errorMessagesAndDescriptionsMaskTheUrlsSecrets() {
        URI bad = URI.create("ftp://bob:" + PASSWORD + "@h/x?key=" + URL_KEY);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntakeEndpoint.of(bad))
                .withMessage("intake url must be http or https: ftp://********@h/x?key=********");
        IntakeRequests requests = new IntakeRequests(
                IntakeEndpoint.of(URI.create("https://bob:" + PASSWORD + "@h/api/v2/logs?apikey=" + URL_KEY)),
                API_KEY,
                Compression.GZIP);
        assertThat(requests.toString())
                .isEqualTo("IntakeRequests{url=https://********@h/api/v2/logs?apikey=********, "
                        + "apiKey=********, encoding=GZIP}");
    }

    private static List<String> messages(ListAppender<ILoggingEvent> appender) {
        return List.copyOf(appender.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
