package io.logship.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineBlockTest {
    private static String[] lines(LineBlock block, int count) {
        ByteBuffer buf = block.lines(count);
        String text = StandardCharsets.US_ASCII.decode(buf).toString();
        return text.split("(?<=\n)");
    }

    @Test
    void everyLineHasExactlyTheRequestedLengthAndEndsWithANewline() {
        LineBlock block = LineBlock.build(100, 300, Pad.TEXT, true, 1);

        String[] lines = lines(block, 100);

        assertThat(lines).hasSize(100).allMatch(l -> l.length() == 300).allMatch(l -> l.endsWith("}\n"));
        assertThat(lines).allMatch(l -> l.indexOf('\n') == 299);
    }

    @Test
    void lleLinesCarryTheEncodersFieldsARecentTimeAndTheRequestedLength() throws Exception {
        LineBlock block = LineBlock.build(10, 400, Pad.TEXT, false, false, true, 1);

        String[] lines = lines(block, 10);

        assertThat(lines).hasSize(10).allMatch(l -> l.length() == 400);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("message").asText()).startsWith("loadgen ");
        Instant at = Instant.parse(first.get("@timestamp").asText());
        assertThat(at).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThatIllegalArgumentException().isThrownBy(() -> LineBlock.build(1, 100, Pad.TEXT, false, false, true, 1));
    }

    @Test
    void stampingRewritesTheSequenceSlotInPlace() {
        LineBlock block = LineBlock.build(3, 200, Pad.HEX, true, 1);

        block.stamp(7, 4);
        String[] first = lines(block, 3);
        block.stamp(Long.MAX_VALUE - 2, 1);
        String[] second = lines(block, 3);

        assertThat(first[0]).endsWith(",\"seq\":                   7}\n");
        assertThat(first[1]).endsWith(",\"seq\":                  11}\n");
        assertThat(first[2]).endsWith(",\"seq\":                  15}\n");
        assertThat(second[2]).endsWith(",\"seq\": " + Long.MAX_VALUE + "}\n");
        assertThat(second).allMatch(l -> l.length() == 200);
    }

    @Test
    void withoutSequenceNumbersStampingChangesNothing() {
        LineBlock block = LineBlock.build(2, 120, Pad.TEXT, false, 1);
        String[] before = lines(block, 2);

        block.stamp(42, 1);

        assertThat(lines(block, 2)).containsExactly(before);
        assertThat(before[0]).doesNotContain("seq");
    }

    @Test
    void theShortestPossibleLineIsAcceptedAndOneLessIsNot() {
        int min = LineBlock.minLineBytes(10, true);

        assertThat(lines(LineBlock.build(10, min, Pad.TEXT, true, 1), 10)).allMatch(l -> l.length() == min);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LineBlock.build(10, min - 1, Pad.TEXT, true, 1))
                .withMessage("lineBytes must be >= " + min + ": " + (min - 1));
    }

    @Test
    void hexPaddingIsHighEntropyAndTextPaddingIsNot() {
        String hex = lines(LineBlock.build(1, 1000, Pad.HEX, false, 1), 1)[0];
        String text = lines(LineBlock.build(1, 1000, Pad.TEXT, false, 1), 1)[0];

        assertThat(hex.chars().filter(c -> c >= '0' && c <= '9').count()).isGreaterThan(400);
        assertThat(text).contains("quick brown fox");
    }

    @Test
    void probeStampsEveryLineWithTheSameTimeAndKeepsTheLength() {
        LineBlock block = LineBlock.build(3, 200, Pad.TEXT, true, true, 1);

        block.stamp(0, 1);
        block.stampProbe(1_764_000_000_123_456L);
        String[] lines = lines(block, 3);

        assertThat(lines)
                .allMatch(l -> l.length() == 200)
                .allMatch(l -> l.contains(",\"probe_us\":    1764000000123456,\"seq\":"));
        assertThat(LineBlock.minLineBytes(3, true, true)).isGreaterThan(LineBlock.minLineBytes(3, true));
    }

    @Test
    void withoutProbesStampProbeChangesNothing() {
        LineBlock block = LineBlock.build(2, 120, Pad.TEXT, false, 1);
        String before = lines(block, 2)[0];

        block.stampProbe(42);

        assertThat(lines(block, 2)[0]).isEqualTo(before).doesNotContain("probe_us");
    }
}
