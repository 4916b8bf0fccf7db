package io.logship.agent.destinations;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class BatchSplitterTest {
    @Test
    void splitsOnRecordBoundariesWithoutBeingFooledByStringsAndNesting() {
        ByteBuf json = buf("[{\"m\":\"a,]}\\\"[\"},{\"n\":[1,{\"x\":\"}\"}]},\"s\" , 12,{\"e\":\"\\\\\"}]");

        BatchSplitter.Part[] halves = BatchSplitter.halves(json);

        assertThat(halves).hasSize(2);
        assertThat(halves[0].records()).isEqualTo(2);
        assertThat(halves[0].json().toString(UTF_8)).isEqualTo("[{\"m\":\"a,]}\\\"[\"},{\"n\":[1,{\"x\":\"}\"}]}]");
        assertThat(halves[1].records()).isEqualTo(3);
        assertThat(halves[1].json().toString(UTF_8)).isEqualTo("[\"s\" , 12,{\"e\":\"\\\\\"}]");
        assertThat(json.readerIndex()).isZero();
        release(json, halves);
    }

    @Test
    void aBatchOfTwoGivesOneRecordEach() {
        ByteBuf json = buf(" [ {\"a\":1} ,\n{\"b\":2} ] ");

        BatchSplitter.Part[] halves = BatchSplitter.halves(json);

        assertThat(halves[0].json().toString(UTF_8)).isEqualTo("[{\"a\":1}]");
        assertThat(halves[1].json().toString(UTF_8)).isEqualTo("[{\"b\":2}]");
        release(json, halves);
    }

    @Test
    void readsFromTheReaderIndex() {
        ByteBuf json = buf("xx[{},{},{}]");
        json.readerIndex(2);

        assertThat(BatchSplitter.elementBounds(json)).containsExactly(1, 3, 4, 6, 7, 9);
        json.release();
    }

    @Test
    void whatCannotBeSplitGivesNull() {
        for (String bad : new String[] {"[]", "[{}]", "{}", "[{},{}", "[{\"a\":\"x}]", "[{}]]", "[{},{}] x", ""}) {
            ByteBuf json = buf(bad);
            assertThat(BatchSplitter.halves(json)).as(bad).isNull();
            json.release();
        }
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, UTF_8);
    }

    private static void release(ByteBuf json, BatchSplitter.Part[] halves) {
        json.release();
        for (BatchSplitter.Part p : halves) {
            p.json().release();
        }
    }
}
