package io.logship.logback.encoder;

import static io.logship.logback.context.KeyValues.kv;
import static io.logship.logback.testing.Events.event;
import static io.logship.logback.testing.Events.fixed;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.testing.Events;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonEncoderTest {

    private static final String HEAD =
            "{\"timestamp\":\"2026-11-25T10:24:04.373Z\",\"status\":\"info\",\"logger\":\"myapp\",\"thread\":\"main\",";

    record Point(int x, String label) {}

    private static String encode(ILoggingEvent event) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(new LoggerContext());
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void writesReservedFieldsThenPairsInMergedOrderOnOneLine() {
        String json = encode(event().message("paid {}", 12, kv("user", "jd"))
                .mdc("request", "r-1")
                .pair("n", 1)
                .build());

        assertThat(json).isEqualTo(HEAD + "\"message\":\"paid 12\",\"request\":\"r-1\",\"n\":1,\"user\":\"jd\"}\n");
    }

    @Test
    void rendersNonJsonValuesAsDocumented() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of("x"));
        String json = encode(event().message(
                        "m",
                        kv("instant", Instant.ofEpochMilli(Events.TIME)),
                        kv("date", new Date(Events.TIME)),
                        kv("day", LocalDate.of(2026, 11, 25)),
                        kv("uuid", new UUID(0, 1)),
                        kv("bytes", new byte[] {1, 2, 3}),
                        kv("list", List.of(1, "two")),
                        kv("array", new long[] {4, 5}),
                        kv("map", map),
                        kv("point", new Point(3, "p")),
                        kv("unit", TimeUnit.SECONDS),
                        kv("some", Optional.of(2.5)),
                        kv("none", Optional.empty()),
                        kv("big", new BigDecimal("1.10")),
                        kv("nan", Double.NaN),
                        kv("flag", false),
                        kv("nothing", null))
                .build());

        assertThat(json)
                .isEqualTo(HEAD + "\"message\":\"m\","
                        + "\"instant\":\"2026-11-25T10:24:04.373Z\",\"date\":\"2026-11-25T10:24:04.373Z\",\"day\":\"2026-11-25\","
                        + "\"uuid\":\"00000000-0000-0000-0000-000000000001\",\"bytes\":\"AQID\",\"list\":[1,\"two\"],"
                        + "\"array\":[4,5],\"map\":{\"a\":1,\"b\":[\"x\"]},\"point\":{\"x\":3,\"label\":\"p\"},"
                        + "\"unit\":\"SECONDS\",\"some\":2.5,\"none\":null,\"big\":1.10,\"nan\":\"NaN\",\"flag\":false,"
                        + "\"nothing\":null}\n");
    }

    @Test
    void keepsCollidingUserKeysUnderKvPrefix() {
        String json = encode(event().message(
                        "real",
                        kv("message", "mine"),
                        kv("status", "ok"),
                        kv("kv.timestamp", 1),
                        kv("timestamp", 2),
                        kv("error", "e"))
                .build());

        assertThat(json)
                .isEqualTo(HEAD + "\"message\":\"real\",\"kv.message\":\"mine\",\"kv.status\":\"ok\","
                        + "\"kv.timestamp\":1,\"kv.kv.timestamp\":2,\"kv.error\":\"e\"}\n");
    }

    @Test
    void writesErrorKindMessageAndFullStack() {
        IllegalStateException error =
                fixed(new IllegalStateException("boom", fixed(new IOException("disk"), "app.Disk")), "app.Main");
        error.addSuppressed(fixed(new IllegalArgumentException(), "app.Close"));

        String json = encode(
                event().level(Level.ERROR).message("failed").throwable(error).build());

        assertThat(json)
                .isEqualTo(HEAD.replace("info", "error") + "\"message\":\"failed\",\"error\":{"
                        + "\"kind\":\"java.lang.IllegalStateException\",\"message\":\"boom\",\"stack\":"
                        + "\"java.lang.IllegalStateException: boom\\n\\tat app.Main.run(App.java:42)\\n"
                        + "\\tSuppressed: java.lang.IllegalArgumentException\\n\\t\\tat app.Close.run(App.java:42)\\n"
                        + "Caused by: java.io.IOException: disk\\n\\tat app.Disk.run(App.java:42)\"}}\n");
    }

    @Test
    void throwingToStringStillGivesARecordAndUnicodeStaysUtf8() {
        String json = encode(event().message("café ✓", kv("bad", new Events.Hostile()), kv("日本", "語"))
                .build());

        assertThat(json)
                .isEqualTo(HEAD + "\"message\":\"café ✓\","
                        + "\"bad\":\"<toString() threw java.lang.IllegalStateException>\",\"日本\":\"語\"}\n");
    }

    @Test
    void writesCharactersOutsideTheBmpAsFourByteUtf8NotEscapedHalves() {
        String json = encode(event().message("ok \uD83D\uDE00").build());

        assertThat(json).isEqualTo(HEAD + "\"message\":\"ok \uD83D\uDE00\"}\n");
    }

    @Test
    void keepsDottedErrorAttributeKeysUnderKvPrefix() {
        String json = encode(event().message("m", kv("error.kind", "mine")).build());

        assertThat(json).isEqualTo(HEAD + "\"message\":\"m\",\"kv.error.kind\":\"mine\"}\n");
    }

    @Test
    void leavesOutANullErrorMessage() {
        String json = encode(event().message("m")
                .throwable(fixed(new IllegalStateException(), "app.Main"))
                .build());

        assertThat(json)
                .endsWith("\"error\":{\"kind\":\"java.lang.IllegalStateException\",\"stack\":"
                        + "\"java.lang.IllegalStateException\\n\\tat app.Main.run(App.java:42)\"}}\n");
    }

    @Test
    void aRecordLargerThanTheRetainedBufferIsWholeAndTheNextOneToo() throws Exception {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(new LoggerContext());
        encoder.start();
        String big = "x".repeat(JsonEncoder.MAX_RETAINED_BUFFER_BYTES + 1);

        byte[] first = encoder.encode(event().message(big).build());
        byte[] second = encoder.encode(event().message("small").build());

        assertThat(new ObjectMapper().readTree(first).get("message").asText()).isEqualTo(big);
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(HEAD + "\"message\":\"small\"}\n");
    }

    @Test
    void loneSurrogatesDoNotLoseTheRecord() throws Exception {
        String json = encode(
                event().message("half \uD800 pair", kv("k\uDC00", "v\uD83D")).build());

        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("message").asText()).isEqualTo("half \uFFFD pair");
        assertThat(node.get("k\uFFFD").asText()).isEqualTo("v\uFFFD");
        assertThat(json).endsWith("}\n");
    }

    @Test
    void structureThatThrowsWhileRenderedFallsBackToTextForTheWholeRecord() throws Exception {
        List<Object> hostileList = new ArrayList<>(List.of(1, 2)) {
            @Override
            public Iterator<Object> iterator() {
                throw new ConcurrentModificationException();
            }

            @Override
            public String toString() {
                return "[1, 2]";
            }
        };

        String json =
                encode(event().message("m", kv("list", hostileList), kv("n", 1)).build());

        JsonNode node = new ObjectMapper().readTree(json);
        assertThat(node.get("list").asText()).isEqualTo("[1, 2]");
        assertThat(node.get("n").asInt()).isEqualTo(1);
        assertThat(json).endsWith("}\n").doesNotContain("\n{");
    }

    @Test
    void selfReferencingMapIsCutAtMaxDepth() throws Exception {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("self", loop);

        String json = encode(event().message("m", kv("loop", loop)).build());

        JsonNode node = new ObjectMapper().readTree(json);
        JsonNode at = node.get("loop");
        for (int i = 0; i < JsonValueWriter.MAX_DEPTH; i++) {
            at = at.get("self");
        }
        assertThat(at.isTextual()).isTrue();
    }
}
