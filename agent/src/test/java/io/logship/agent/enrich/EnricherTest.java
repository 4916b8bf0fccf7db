package io.logship.agent.enrich;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnricherTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = 1_701_874_333_582L;

    private final Enricher enricher =
            new Enricher(new SourceFields("host-1", "svc", "java", "env:dev,team:x"), () -> NOW, new JsonFactory());

    @Test
    void textLineBecomesMessageWithAllFieldsInAgentOrder() {
        String record = enrich("hello world");

        assertThat(record)
                .isEqualTo(
                        "{\"message\":\"hello world\",\"status\":\"info\",\"timestamp\":1701874333582,"
                                + "\"hostname\":\"host-1\",\"service\":\"svc\",\"ddsource\":\"java\",\"ddtags\":\"env:dev,team:x\"}");
    }

    @Test
    void textLineIsJsonEscaped() throws Exception {
        String line = "quote \" backslash \\ tab \t bell \u0007 nul \u0000 del \u007f slash / end";

        JsonNode record = parse(enrich(line));

        assertThat(record.get("message").asText()).isEqualTo(line);
    }

    @Test
    void escapingMatchesJacksonGenerator() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            all.append(c);
        }
        all.append("é€😀");

        String record = enrich(all.toString());

        String expected = MAPPER.writeValueAsString(all.toString());
        assertThat(record).startsWith("{\"message\":" + expected + ",");
    }

    @Test
    void jsonObjectIsMergedAndGetsMissingFieldsSpliced() {
        String record = enrich("{\"message\":\"hi\",\"user\":\"jd\",\"n\":42}");

        assertThat(record)
                .isEqualTo("{\"message\":\"hi\",\"user\":\"jd\",\"n\":42,\"status\":\"info\","
                        + "\"timestamp\":1701874333582,\"hostname\":\"host-1\",\"service\":\"svc\",\"ddsource\":\"java\","
                        + "\"ddtags\":\"env:dev,team:x\"}");
    }

    @Test
    void recordValuesWin() throws Exception {
        JsonNode record =
                parse(enrich("{\"status\":\"error\",\"timestamp\":1701874332582,\"hostname\":\"h2\",\"service\":\"s2\","
                        + "\"ddsource\":\"d2\",\"ddtags\":\"a:b\",\"message\":\"m\"}"));

        assertThat(record.get("status").asText()).isEqualTo("error");
        assertThat(record.get("timestamp").asLong()).isEqualTo(1701874332582L);
        assertThat(record.get("hostname").asText()).isEqualTo("h2");
        assertThat(record.get("service").asText()).isEqualTo("s2");
        assertThat(record.get("ddsource").asText()).isEqualTo("d2");
        assertThat(record.get("ddtags").asText()).isEqualTo("a:b");
        assertThat(record.size()).isEqualTo(7);
    }

    @Test
    void nestedReservedKeysDoNotCount() throws Exception {
        JsonNode record = parse(enrich("{\"ctx\":{\"status\":\"nested\",\"list\":[{\"service\":1}]},\"x\":[1,2]}"));

        assertThat(record.get("status").asText()).isEqualTo("info");
        assertThat(record.get("service").asText()).isEqualTo("svc");
        assertThat(record.get("ctx").get("status").asText()).isEqualTo("nested");
        assertThat(record.get("ctx").get("list").get(0).get("service").asInt()).isEqualTo(1);
        assertThat(record.get("x").size()).isEqualTo(2);
    }

    @Test
    void emptyObjectGetsFieldsWithoutLeadingComma() throws Exception {
        JsonNode record = parse(enrich("  {  }  "));

        assertThat(record.get("status").asText()).isEqualTo("info");
        assertThat(record.has("message")).isFalse();
    }

    @Test
    void whitespaceAroundObjectIsAccepted() throws Exception {
        JsonNode record = parse(enrich(" \t{\"message\" : \"m\" } \t"));

        assertThat(record.get("message").asText()).isEqualTo("m");
        assertThat(record.get("hostname").asText()).isEqualTo("host-1");
    }

    @Test
    void arraysScalarsAndBrokenJsonBecomeMessages() throws Exception {
        for (String line : new String[] {
            "[1,2]",
            "42",
            "\"str\"",
            "true",
            "{\"a\":1",
            "{\"a\":1}}",
            "{\"a\":1}{}",
            "{\"a\":1} {\"b\":2}",
            "{a:1}",
            "{\"a\":01}",
            "{\"a\":[}",
            "{\"a\":1,}",
            "{}x}",
            "{\"a\":\"\t\"}"
        }) {
            JsonNode record = parse(enrich(line));

            assertThat(record.get("message").asText()).as(line).isEqualTo(line);
            assertThat(record.get("status").asText()).isEqualTo("info");
        }
    }

    @Test
    void parserRecoversAfterBrokenJson() throws Exception {
        enrich("{\"a\":");
        enrich("{\"a\":[[[");

        JsonNode record = parse(enrich("{\"message\":\"ok\"}"));

        assertThat(record.get("message").asText()).isEqualTo("ok");
    }

    @Test
    void manyObjectsInARowReuseTheParser() throws Exception {
        for (int i = 0; i < 1000; i++) {
            JsonNode record = parse(enrich("{\"i\":" + i + ",\"message\":\"m" + i + "\"}"));
            assertThat(record.get("i").asInt()).isEqualTo(i);
        }
    }

    @Test
    void unicodeIsKeptInTextAndJson() throws Exception {
        assertThat(parse(enrich("héllo €uro 😀")).get("message").asText()).isEqualTo("héllo €uro 😀");
        assertThat(parse(enrich("{\"message\":\"日本語 😀\",\"k\":\"é\"}"))
                        .get("message")
                        .asText())
                .isEqualTo("日本語 😀");
    }

    @Test
    void invalidUtf8IsReplacedNotDropped() throws Exception {
        byte[] line = {'a', (byte) 0xff, 'b', (byte) 0xe2, (byte) 0x82, 'c', (byte) 0xed, (byte) 0xa0, (byte) 0x80};

        JsonNode record = parse(enrich(Unpooled.wrappedBuffer(line)));

        assertThat(record.get("message").asText()).isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uFFFD\uFFFD");
        assertThat(enricher.repairedLines()).isEqualTo(1);
    }

    @Test
    void invalidUtf8InsideJsonObjectIsReplacedAndStillMerged() throws Exception {
        byte[] line = "{\"message\":\"a?b\"}".getBytes(UTF_8);
        line[13] = (byte) 0xc0;

        JsonNode record = parse(enrich(Unpooled.wrappedBuffer(line)));

        assertThat(record.get("message").asText()).isEqualTo("a\uFFFDb");
        assertThat(record.get("status").asText()).isEqualTo("info");
    }

    @Test
    void readsDirectBuffersWithoutMovingIndexes() {
        ByteBuf direct = Unpooled.directBuffer().writeBytes("x".getBytes(UTF_8));

        String record = enrichAndRelease(direct);

        assertThat(record).startsWith("{\"message\":\"x\",");
    }

    @Test
    void emptySourceFieldsAreNotAdded() throws Exception {
        Enricher bare = new Enricher(new SourceFields("h", null, "", ""), () -> NOW, new JsonFactory());
        ByteBuf out = Unpooled.buffer();

        bare.enrich(Unpooled.copiedBuffer("m", UTF_8), out);

        JsonNode record = parse(out.toString(UTF_8));
        assertThat(record.has("service")).isFalse();
        assertThat(record.has("ddsource")).isFalse();
        assertThat(record.has("ddtags")).isFalse();
        assertThat(record.get("hostname").asText()).isEqualTo("h");
    }

    @Test
    void sourceFieldValuesAreEscaped() throws Exception {
        Enricher odd = new Enricher(new SourceFields("h\"1", "s\\v", "é", "a:\"b\""), () -> NOW, new JsonFactory());
        ByteBuf out = Unpooled.buffer();

        odd.enrich(Unpooled.copiedBuffer("m", UTF_8), out);

        JsonNode record = parse(out.toString(UTF_8));
        assertThat(record.get("hostname").asText()).isEqualTo("h\"1");
        assertThat(record.get("service").asText()).isEqualTo("s\\v");
        assertThat(record.get("ddsource").asText()).isEqualTo("é");
        assertThat(record.get("ddtags").asText()).isEqualTo("a:\"b\"");
    }

    @Test
    void joinsSourceTagsThenGlobalTags() {
        assertThat(SourceFields.joinTags(List.of("a:1", ""), List.of("env:prod")))
                .isEqualTo("a:1,env:prod");
    }

    @Test
    void longSourceFieldsEmptyFieldsAndANegativeClockAreWrittenInFull() throws Exception {
        String tags = "k:" + "v".repeat(5000);
        Enricher wide = new Enricher(new SourceFields("h", null, null, tags), () -> -42L, new JsonFactory());
        ByteBuf out = Unpooled.buffer();
        ByteBuf line = Unpooled.copiedBuffer("{\"a\":1}", UTF_8);
        try {
            wide.enrich(line, out);
            wide.enrich(line, out);

            String twice = out.toString(UTF_8);
            String one =
                    "{\"a\":1,\"status\":\"info\",\"timestamp\":-42,\"hostname\":\"h\",\"ddtags\":\"" + tags + "\"}";
            assertThat(twice).isEqualTo(one + one);
            assertThat(parse(one).get("ddtags").asText()).isEqualTo(tags);
        } finally {
            line.release();
            out.release();
        }
    }

    private String enrich(String line) {
        return enrich(Unpooled.copiedBuffer(line, UTF_8));
    }

    private String enrich(ByteBuf line) {
        return enrichAndRelease(line);
    }

    private String enrichAndRelease(ByteBuf line) {
        ByteBuf out = Unpooled.buffer();
        try {
            int readerIndex = line.readerIndex();
            enricher.enrich(line, out);
            assertThat(line.readerIndex()).isEqualTo(readerIndex);
            return out.toString(UTF_8);
        } finally {
            line.release();
            out.release();
        }
    }

    private static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json);
    }
}
