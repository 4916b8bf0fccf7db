package io.logship.agent.sources.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MultiLineTest {
    private final List<String> out = new ArrayList<>();

    @Test
    void linesThatDoNotStartARecordJoinThePreviousOne() {
        MultiLine multiLine = new MultiLine(Pattern.compile("\\d{4}-"), 1000);

        add(multiLine, "2026- boom", 0);
        add(multiLine, "\tat a.B(B.java:1)", 11);
        assertThat(multiLine.openRecordStart()).isZero();
        add(multiLine, "2026- next", 30);

        assertThat(out).containsExactly("2026- boom\n\tat a.B(B.java:1)");
        assertThat(multiLine.openRecordStart()).isEqualTo(30);
        multiLine.flush(this::collect);
        assertThat(out).containsExactly("2026- boom\n\tat a.B(B.java:1)", "2026- next");
        assertThat(multiLine.open()).isFalse();
    }

    @Test
    void aRecordThatWouldPassTheLimitLeavesAndTheLineStartsAnother() {
        MultiLine multiLine = new MultiLine(Pattern.compile("START"), 10);

        add(multiLine, "START 1234", 0); // 10 bytes: at the limit
        add(multiLine, "more", 11); // would make 15

        assertThat(out).containsExactly("START 1234");
        assertThat(multiLine.openRecordStart()).isEqualTo(11);
        multiLine.discard();
    }

    private void add(MultiLine multiLine, String line, long offset) {
        multiLine.add(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8), offset, this::collect);
    }

    private void collect(ByteBuf record) {
        out.add(record.toString(StandardCharsets.UTF_8));
        record.release();
    }
}
