package io.logship.agent.frame;

import static io.logship.agent.frame.LineSplitter.TRUNCATED_FLAG;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    private static final String FLAG = new String(TRUNCATED_FLAG, UTF_8);

    private final List<ByteBuf> written = new ArrayList<>();

    @Test
    void splitsManyLinesInOneBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));

        write(channel, "a\nbb\nccc\n");

        assertThat(readAll(channel)).containsExactly("a", "bb", "ccc");
        assertFinishedClean(channel);
    }

    @Test
    void stripsTrailingCarriageReturnOnly() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));

        write(channel, "one\r\ntw\ro\r\n\r\r\n");

        assertThat(readAll(channel)).containsExactly("one", "tw\ro", "\r");
        assertFinishedClean(channel);
    }

    @Test
    void skipsEmptyLines() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));

        write(channel, "\n\r\na\n\n\nb\n");

        assertThat(readAll(channel)).containsExactly("a", "b");
        assertFinishedClean(channel);
    }

    @Test
    void joinsLineSplitAcrossBuffers() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));

        write(channel, "hel");
        write(channel, "lo wo");
        assertThat(readAll(channel)).isEmpty();
        write(channel, "rld\r");
        write(channel, "\nnext");

        assertThat(readAll(channel)).containsExactly("hello world");
        assertThat(channel.finish()).isTrue();
        assertThat(readAll(channel)).containsExactly("next");
        assertReleased();
    }

    @Test
    void deliversPartialLastLineOnClose() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));

        write(channel, "first\nlast without newline\r");

        assertThat(readAll(channel)).containsExactly("first");
        assertThat(channel.finish()).isTrue();
        assertThat(readAll(channel)).containsExactly("last without newline");
        assertReleased();
    }

    @Test
    void lineExactlyAtLimitIsNotMarked() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(8));

        write(channel, "12345678\n12345678\r\n");

        assertThat(readAll(channel)).containsExactly("12345678", "12345678");
        assertFinishedClean(channel);
    }

    @Test
    void lineExactlyAtLimitArrivingByteByByteIsNotMarked() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(8));

        for (char c : "12345678\r\n".toCharArray()) {
            write(channel, String.valueOf(c));
        }

        assertThat(readAll(channel)).containsExactly("12345678");
        assertFinishedClean(channel);
    }

    @Test
    void lineOneOverLimitIsChunkedAndMarked() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(8));

        write(channel, "123456789\nok\n");

        assertThat(readAll(channel)).containsExactly("12345678" + FLAG, FLAG + "9", "ok");
        assertFinishedClean(channel);
    }

    @Test
    void longLineBecomesChunksFlaggedAtEveryCutAndKeepsConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(4));

        write(channel, "aaaabbbbccccdd");
        write(channel, "\nnext\n");

        assertThat(readAll(channel))
                .containsExactly("aaaa" + FLAG, FLAG + "bbbb" + FLAG, FLAG + "cccc" + FLAG, FLAG + "dd", "next");
        assertThat(channel.isOpen()).isTrue();
        assertFinishedClean(channel);
    }

    @Test
    void lineOfTwiceTheLimitEndsWithAFullUnmarkedTail() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(4));

        write(channel, "aaaabbbb\n");

        assertThat(readAll(channel)).containsExactly("aaaa" + FLAG, FLAG + "bbbb");
        assertFinishedClean(channel);
    }

    @Test
    void overLongPartialLastLineIsChunkedOnClose() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(4));

        write(channel, "aaaab");

        assertThat(readAll(channel)).isEmpty();
        assertThat(channel.finish()).isTrue();
        assertThat(readAll(channel)).containsExactly("aaaa" + FLAG, FLAG + "b");
        assertReleased();
    }

    @Test
    void passesInvalidUtf8BytesThroughUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new LineFramer(64));
        byte[] bytes = {'a', (byte) 0xff, (byte) 0xc3, '\n'};

        channel.writeInbound(track(Unpooled.wrappedBuffer(bytes)));

        ByteBuf line = channel.readInbound();
        assertThat(line.toString(ISO_8859_1)).isEqualTo("a\u00ff\u00c3");
        line.release();
        assertFinishedClean(channel);
    }

    @Test
    void rejectsNonPositiveLimit() {
        assertThatThrownBy(() -> new LineFramer(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMessageBytes must be > 0: 0");
    }

    private void write(EmbeddedChannel channel, String text) {
        channel.writeInbound(track(Unpooled.copiedBuffer(text, UTF_8)));
    }

    private ByteBuf track(ByteBuf buf) {
        written.add(buf);
        return buf;
    }

    private static List<String> readAll(EmbeddedChannel channel) {
        List<String> lines = new ArrayList<>();
        for (ByteBuf line; (line = channel.readInbound()) != null; ) {
            lines.add(line.toString(UTF_8));
            line.release();
        }
        return lines;
    }

    private void assertFinishedClean(EmbeddedChannel channel) {
        assertThat(channel.finish()).as("nothing left after finish").isFalse();
        assertReleased();
    }

    private void assertReleased() {
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }
}
