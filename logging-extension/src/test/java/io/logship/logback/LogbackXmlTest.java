package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every encoder/layout is an ordinary logback component, configured from XML on a real LoggerContext. */
class LogbackXmlTest {

    @TempDir
    Path dir;

    private LoggerContext configure(String xml) throws JoranException {
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
    void textAndJsonEncodersAndTheListenerConfigureWithoutWarnings() throws Exception {
        String xml = "<configuration>\n"
                + "  <contextListener class=\"io.logship.logback.LogshipContextListener\">\n"
                + "    <programName>xmlapp</programName><uncaughtExceptions>false</uncaughtExceptions>\n"
                + "  </contextListener>\n"
                + "  <appender name=\"text\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + dir.resolve("text.log") + "</file>\n"
                + "    <encoder class=\"io.logship.logback.encoder.TextEncoder\">\n"
                + "      <color>NEVER</color><includePid>false</includePid>\n"
                + "    </encoder>\n"
                + "  </appender>\n"
                + "  <appender name=\"json\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + dir.resolve("json.log") + "</file>\n"
                + "    <encoder class=\"io.logship.logback.encoder.JsonEncoder\"/>\n"
                + "  </appender>\n"
                + "  <appender name=\"layout\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + dir.resolve("layout.log") + "</file>\n"
                + "    <encoder class=\"ch.qos.logback.core.encoder.LayoutWrappingEncoder\">\n"
                + "      <layout class=\"io.logship.logback.encoder.TextLayout\"><includeTimestamp>false</includeTimestamp></layout>\n"
                + "    </encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\">\n"
                + "    <appender-ref ref=\"text\"/><appender-ref ref=\"json\"/><appender-ref ref=\"layout\"/>\n"
                + "  </root>\n"
                + "</configuration>\n";

        LoggerContext context = configure(xml);
        context.getLogger("x").atInfo().addKeyValue("k", 1).log("hello");
        context.stop();

        assertThat(problems(context)).isEmpty();
        assertThat(Files.readString(dir.resolve("text.log")))
                .endsWith(" INFO     x [k: 1]: hello\n")
                .doesNotContain("[" + ProcessHandle.current().pid());
        assertThat(Files.readString(dir.resolve("json.log"))).contains("\"message\":\"hello\",\"k\":1}");
        assertThat(Files.readString(dir.resolve("layout.log"))).startsWith("[").endsWith("INFO     x [k: 1]: hello\n");
    }

    @Test
    void setupEquivalentXmlWritesDaiquiriLinesToStderr() throws Exception {
        String xml = new String(
                getClass().getResourceAsStream("setup-equivalent.xml").readAllBytes(), StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            context = configure(xml);
            context.getLogger("myapp").atError().addKeyValue("user", "jd").log("Something wrong");
            context.stop();
        } finally {
            System.setErr(stderr);
        }

        assertThat(problems(context)).isEmpty();
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .matches(
                        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[\\d+\\] ERROR    myapp \\[user: jd\\]: Something wrong\n");
    }

    @Test
    void unknownColorIsReportedInTheStatusList() throws Exception {
        String xml = "<configuration>\n"
                + "  <appender name=\"c\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                + "    <encoder class=\"io.logship.logback.encoder.TextEncoder\"><color>PURPLE</color></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"c\"/></root>\n"
                + "</configuration>\n";

        LoggerContext context = configure(xml);

        assertThat(problems(context)).anySatisfy(m -> assertThat(m).contains("PURPLE"));
    }
}
