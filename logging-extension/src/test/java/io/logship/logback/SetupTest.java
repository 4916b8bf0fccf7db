package io.logship.logback;

import static java.util.logging.Level.FINE;
import static java.util.logging.Logger.getLogger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.logship.logback.context.KeyValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** setup() on the real logback context, in this JVM (uncaught-exception handling is tested in a forked JVM). */
class SetupTest {

    /** An output from outside the built-ins: proves Output is open for extension. */
    static final class ListOutput implements Output {
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        @Override
        public Appender<ILoggingEvent> createAppender(LoggerContext context, String programName) {
            appender.setContext(context);
            appender.start();
            return appender;
        }
    }

    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    private static SetupOptions.Builder quiet() {
        return SetupOptions.builder().noUncaughtExceptionHandler();
    }

    private List<Appender<ILoggingEvent>> rootAppenders() {
        List<Appender<ILoggingEvent>> list = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            list.add(it.next());
        }
        return list;
    }

    @AfterEach
    void reset() {
        Logship.setup(quiet().outputs(List.of()).noJulBridge().build(), Map.of(), null);
    }

    @Test
    void setupTwiceLeavesOneSetOfAppendersAndLogsOnce() {
        ListOutput first = new ListOutput();
        ListOutput second = new ListOutput();

        Logship.setup(quiet().outputs(first).build(), Map.of(), null);
        Logship.setup(quiet().outputs(second).build(), Map.of(), null);
        LoggerFactory.getLogger("twice").info("once");

        assertThat(rootAppenders()).containsExactly(second.appender);
        assertThat(second.appender.getName()).isEqualTo("logship-0");
        assertThat(second.appender.list).hasSize(1);
        assertThat(first.appender.isStarted()).isFalse();
        assertThat(first.appender.list).isEmpty();
    }

    @Test
    void replacesForeignRootAppendersUnlessAskedToKeepThem() {
        ListAppender<ILoggingEvent> foreign = new ListAppender<>();
        foreign.setContext(context);
        foreign.start();
        root.addAppender(foreign);
        ListOutput ours = new ListOutput();

        Logship.setup(quiet().outputs(ours).keepExistingAppenders().build(), Map.of(), null);
        assertThat(rootAppenders()).containsExactly(foreign, ours.appender);

        Logship.setup(quiet().outputs(ours).build(), Map.of(), null);
        assertThat(rootAppenders()).containsExactly(ours.appender);
        assertThat(foreign.isStarted()).isFalse();
    }

    @Test
    void setsRootLevelOptionLevelsThenEnvironmentLevels() {
        Logship.setup(
                quiet().outputs(new ListOutput())
                        .level("warning")
                        .levels("com.acme=debug", "io.netty=info")
                        .loggerLevel("org.x", Level.ERROR)
                        .build(),
                Map.of("LOGSHIP_LEVELS", "io.netty=error"),
                null);

        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.acme").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.x").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void malformedEnvironmentLevelsFailBeforeAnythingChanges() {
        ListOutput before = new ListOutput();
        Logship.setup(quiet().outputs(before).build(), Map.of(), null);

        assertThatThrownBy(() -> Logship.setup(
                        quiet().outputs(new ListOutput()).build(), Map.of("LOGSHIP_LEVELS", "io.netty"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'io.netty'");
        assertThat(rootAppenders()).containsExactly(before.appender);
    }

    @Test
    void failingOutputFailsSetupAndStopsTheOnesAlreadyBuilt() throws Exception {
        ListOutput good = new ListOutput();
        Path notADir = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> Logship.setup(
                        quiet().outputs(good, Output.file(notADir)).build(), Map.of(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start");
        assertThat(good.appender.isStarted()).isFalse();
    }

    @Test
    void setLevelsParsesEverythingFirst() {
        assertThatThrownBy(() -> Logship.setLevels("a.b=debug", "bad"))
                .hasMessage("Malformed level entry 'bad': expected <logger>=<level>, e.g. io.netty=warn");
        assertThat(context.getLogger("a.b").getLevel()).isNull();

        Logship.setLevels("a.b=debug");
        assertThat(context.getLogger("a.b").getLevel()).isEqualTo(Level.DEBUG);
        context.getLogger("a.b").setLevel(null);
    }

    @Test
    void programNameComesFromOptionsAndNamesTheFile() throws Exception {
        Logship.setup(quiet().programName("billing").outputs(Output.file(dir)).build(), Map.of(), null);
        LoggerFactory.getLogger("p").info("to file");

        assertThat(Logship.programName()).isEqualTo("billing");
        assertThat(Files.readString(dir.resolve("billing.log"))).contains("INFO     p: to file");
    }

    @Test
    void perObjectLoggersAndKvWorkThroughTheEntryPoint() {
        ListOutput out = new ListOutput();
        Logship.setup(quiet().outputs(out).build(), Map.of(), null);

        var log = Logship.getLogger(SetupTest.class, "x", 1).with("y", 2);
        log.info("hi {}", "there", Logship.kv("z", 3));

        ILoggingEvent event = out.appender.list.get(0);
        assertThat(event.getLoggerName()).isEqualTo(SetupTest.class.getName());
        assertThat(event.getFormattedMessage()).isEqualTo("hi there");
        assertThat(KeyValues.of(event)).extracting(p -> p.key + "=" + p.value).containsExactly("x=1", "y=2", "z=3");
    }

    @Test
    void julRecordsReachLogbackAndLevelsPropagate() {
        ListOutput out = new ListOutput();
        Logship.setup(quiet().outputs(out).levels("jul.test=debug").build(), Map.of(), null);
        var jul = getLogger("jul.test");

        jul.fine("from jul");
        jul.finest("too fine");

        assertThat(jul.getLevel()).isEqualTo(FINE);
        assertThat(out.appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("from jul");
        assertThat(out.appender.list.get(0).getLevel()).isEqualTo(Level.DEBUG);
    }
}
