package io.logship.agent.enrich;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.agent.frame.LineSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The enricher's limits: nesting depth, and the record size as sent (escaped). */
class EnricherLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLAG = new String(LineSplitter.TRUNCATED_FLAG, UTF_8);
    private static final int LIMIT = 1200;

    private final AtomicInteger tooDeep = new AtomicInteger();
    private final AtomicInteger oversize = new AtomicInteger();
    private final Enricher enricher = new Enricher(
            new SourceFields("h", "s", "java", "env:dev"),
            () -> 42L,
            new JsonFactory(),
            LIMIT,
            tooDeep::incrementAndGet,
            oversize::incrementAndGet);

    @Test
    void objectsUpToTheDepthLimitStayObjectsDeeperOnesBecomeText() throws Exception {
        int max = JsonObjectScanner.MAX_NESTING_DEPTH;
        String atLimit = "{\"a\":".repeat(max - 1) + "{}" + "}".repeat(max - 1);
        String deeper = "{\"a\":".repeat(max) + "{}" + "}".repeat(max);

        List<String> kept = records(atLimit);
        List<String> text = records(deeper);

        assertThat(kept).hasSize(1);
        assertThat(MAPPER.readTree(kept.get(0)).has("a")).isTrue();
        assertThat(joined(text)).isEqualTo(deeper); // as text, and chunked: escaped it is over the 1000-byte limit
        assertThat(tooDeep.get()).isEqualTo(1);
    }

    @Test
    void aRecordOverTheLimitOnceEscapedIsChunkedWithinItAndNothingIsLost() throws Exception {
        String line = "\u0001".repeat(300) + "é€😀".repeat(100) + "\"".repeat(300); // 300 raw ASCII = 1800 escaped

        List<String> records = records(line);

        assertThat(records.size()).isGreaterThan(2);
        assertThat(records).allSatisfy(r -> assertThat(r.getBytes(UTF_8).length).isLessThanOrEqualTo(LIMIT));
        assertThat(joined(records)).isEqualTo(line); // no character cut: each chunk is valid UTF-8
        assertThat(MAPPER.readTree(records.get(0)).get("hostname").asText()).isEqualTo("h");
        assertThat(oversize.get()).isEqualTo(1);
    }

    @Test
    void aFramerChunkKeepsItsMarkersAndIsNotCutThroughThem() throws Exception {
        String content = "x".repeat(2500);
        String chunk = FLAG + content + FLAG; // a middle chunk from the framer

        List<String> records = records(chunk);

        StringBuilder all = new StringBuilder();
        for (String r : records) {
            String m = MAPPER.readTree(r).get("message").asText();
            assertThat(m).startsWith(FLAG).endsWith(FLAG);
            all.append(m, FLAG.length(), m.length() - FLAG.length());
        }
        assertThat(all.toString()).isEqualTo(content);
    }

    @Test
    void anObjectOverTheLimitBecomesTextChunks() throws Exception {
        String object = "{\"message\":\"" + "y".repeat(2000) + "\"}";

        List<String> records = records(object);

        assertThat(records).hasSize(2);
        assertThat(joined(records)).isEqualTo(object);
    }

    @Test
    void recordsWithinTheLimitAreUnchanged() {
        assertThat(records("hello"))
                .containsExactly("{\"message\":\"hello\",\"status\":\"info\",\"timestamp\":42,"
                        + "\"hostname\":\"h\",\"service\":\"s\",\"ddsource\":\"java\",\"ddtags\":\"env:dev\"}");
        assertThat(oversize.get()).isZero();
    }

    private List<String> records(String line) {
        ByteBuf in = Unpooled.copiedBuffer(line, UTF_8);
        ByteBuf scratch = Unpooled.buffer();
        List<String> out = new ArrayList<>();
        try {
            int n = enricher.enrich(in, scratch, r -> out.add(r.toString(UTF_8)));
            assertThat(n).isEqualTo(out.size());
            return out;
        } finally {
            in.release();
            scratch.release();
        }
    }

    private static String joined(List<String> records) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            String m = MAPPER.readTree(records.get(i)).get("message").asText();
            if (i > 0) {
                m = m.substring(FLAG.length());
            }
            if (i < records.size() - 1) {
                m = m.substring(0, m.length() - FLAG.length());
            }
            sb.append(m);
        }
        return sb.toString();
    }
}
