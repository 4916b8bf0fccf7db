package io.logship.logback.encoder;

import static io.logship.logback.context.KeyValues.kv;
import static io.logship.logback.testing.Events.event;
import static io.logship.logback.testing.Events.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.logship.logback.testing.Events;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TextLayoutTest {

    private static final String TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault())
            .format(Instant.ofEpochMilli(Events.TIME));
    private static final String PID = "[" + ProcessHandle.current().pid() + "]";

    private static TextLayout layout(ColorMode color) {
        TextLayout layout = new TextLayout();
        layout.setContext(new LoggerContext());
        layout.setColor(color);
        layout.start();
        return layout;
    }

    @Test
    void rendersDaiquirisLineWithPairsInMergedOrder() {
        String line = layout(ColorMode.NEVER)
                .doLayout(event().level(Level.ERROR)
                        .message("Something {}", "wrong", kv("user", "jd"))
                        .mdc("request", "r-1")
                        .build());

        assertThat(line).isEqualTo(TS + " " + PID + " ERROR    myapp [request: r-1] [user: jd]: Something wrong\n");
    }

    @Test
    void fourMechanismsMergeWithCallSiteOverBoundOverScoped() {
        String line = layout(ColorMode.NEVER)
                .doLayout(event().mdc("user", "scoped")
                        .mdc("request_id", "r-9")
                        .pair("user", "bound")
                        .pair("worker", 7)
                        .pair("attempt", 1)
                        .message("msg", kv("attempt", 2), kv("extra", true))
                        .build());

        assertThat(line)
                .endsWith(
                        " INFO     myapp [request_id: r-9] [user: bound] [worker: 7] [attempt: 2] [extra: true]: msg\n");
    }

    @Test
    void rendersNullUnicodeArraysAndThrowingToString() {
        String line = layout(ColorMode.NEVER)
                .doLayout(event().message(
                                "café ✓ 日本語",
                                kv("nothing", null),
                                kv("bad", new Events.Hostile()),
                                kv("ids", new int[] {1, 2}),
                                kv("naïve", "ü"))
                        .build());

        assertThat(line)
                .endsWith(" INFO     myapp [nothing: null] [bad: <toString() threw java.lang.IllegalStateException>]"
                        + " [ids: [1, 2]] [naïve: ü]: café ✓ 日本語\n");
    }

    @Test
    void throwingToStringInAPlaceholderStillGivesARecord() {
        String line = layout(ColorMode.NEVER)
                .doLayout(event().message("got {}", new Events.Hostile()).build());

        assertThat(line).endsWith(" INFO     myapp: got [FAILED toString()]\n");
    }

    @Test
    void appendsStackTraceWithCausesAndSuppressedAfterTheLine() {
        IllegalStateException error =
                fixed(new IllegalStateException("boom", fixed(new IOException("disk"), "app.Disk")), "app.Main");
        error.addSuppressed(fixed(new IllegalArgumentException("also"), "app.Close"));

        String text = layout(ColorMode.NEVER)
                .doLayout(event().level(Level.ERROR)
                        .message("failed")
                        .throwable(error)
                        .build());

        assertThat(text)
                .isEqualTo(TS + " " + PID + " ERROR    myapp: failed\n"
                        + "java.lang.IllegalStateException: boom\n"
                        + "\tat app.Main.run(App.java:42)\n"
                        + "\tSuppressed: java.lang.IllegalArgumentException: also\n"
                        + "\t\tat app.Close.run(App.java:42)\n"
                        + "Caused by: java.io.IOException: disk\n"
                        + "\tat app.Disk.run(App.java:42)\n");
    }

    @Test
    void coloursFromLevelToEndOfMessageButNotTheStackTrace() {
        IllegalStateException error = fixed(new IllegalStateException("boom"), "app.Main");

        String text = layout(ColorMode.ALWAYS)
                .doLayout(event().level(Level.WARN)
                        .message("careful")
                        .throwable(error)
                        .build());

        assertThat(text)
                .isEqualTo(TS + " " + PID + " \033[01;33mWARN     myapp: careful\033[0m\n"
                        + "java.lang.IllegalStateException: boom\n\tat app.Main.run(App.java:42)\n");
    }

    @Test
    void withoutTimestampAndPidGivesTheBodyForDaemons() {
        TextLayout layout = new TextLayout();
        layout.setContext(new LoggerContext());
        layout.setIncludeTimestamp(false);
        layout.setIncludePid(false);
        layout.start();

        assertThat(layout.doLayout(event().message("hi", kv("k", "v")).build()))
                .isEqualTo("INFO     myapp [k: v]: hi\n");
    }

    @Test
    void nullColorIsAStartErrorInTheStatusList() {
        LoggerContext context = new LoggerContext();
        TextLayout layout = new TextLayout();
        layout.setContext(context);
        layout.setColor(null);

        layout.start();

        assertThat(layout.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).isEqualTo("color must be one of AUTO, ALWAYS, NEVER"));
    }
}
