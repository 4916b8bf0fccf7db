package io.logship.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchQueueTest {
    private final List<String> events = new ArrayList<>();
    private final BatchQueue queue = new BatchQueue(100, new BatchQueue.FlowListener() {
        @Override
        public void pause() {
            events.add("pause");
        }

        @Override
        public void resume() {
            events.add("resume");
        }
    });

    @Test
    void pausesAtMaxBytesAndResumesAtHalf() throws Exception {
        queue.offer(batch(40));
        queue.offer(batch(40));
        assertThat(events).isEmpty();
        queue.offer(batch(40)); // 120 >= 100
        assertThat(events).containsExactly("pause");
        assertThat(queue.isPaused()).isTrue();

        queue.poll(0, TimeUnit.SECONDS).release(); // 80 > 50: still paused
        assertThat(events).containsExactly("pause");
        queue.poll(0, TimeUnit.SECONDS).release(); // 40 <= 50

        assertThat(events).containsExactly("pause", "resume");
        assertThat(queue.queuedBytes()).isEqualTo(40);
        queue.discard();
    }

    @Test
    void pollTimesOutWhenEmptyAndReturnsNullWhenClosed() throws Exception {
        assertThat(queue.poll(1, TimeUnit.MILLISECONDS)).isNull();
        queue.offer(batch(1));
        queue.close();

        Batch left = queue.poll(1, TimeUnit.SECONDS);
        assertThat(left).isNotNull();
        left.release();
        assertThat(queue.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void closedQueueRefusesAndReleases() {
        queue.close();
        Batch batch = batch(5);

        assertThat(queue.offer(batch)).isFalse();

        assertThat(batch.json().refCnt()).isZero();
    }

    private static Batch batch(int bytes) {
        return new Batch(Unpooled.buffer(bytes).writeZero(bytes), 1);
    }
}
