package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RecordQueueTest {

    private static final long NO_WAIT = 0;

    @Test
    void refusesExactlyWhatExceedsTheRecordCapacity() {
        RecordQueue<String> q = new RecordQueue<>(3, 1_000, WhenQueueFull.DROP_NEWEST, NO_WAIT);

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += q.offer("r" + i, 1) ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(3);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.sizeBytes()).isBetween(3L, 1_000L);
    }

    @Test
    void refusesWhatExceedsTheByteLimitAtTheLimitAndOnePast() {
        RecordQueue<String> q = new RecordQueue<>(100, 10, WhenQueueFull.DROP_NEWEST, NO_WAIT);

        assertThat(q.offer("a", 6)).isTrue();
        assertThat(q.offer("b", 5)).isFalse();
        assertThat(q.offer("c", 4)).isTrue();
        assertThat(q.offer("d", 1)).isFalse();
        assertThat(q.offer("huge", 11)).isFalse();
        assertThat(q.sizeBytes()).isEqualTo(10);
    }

    @Test
    void smallRecordsUseTheirSlotShareAndLargeOnesShareTheOtherHalf() {
        // 4 slots, 800 bytes: each slot carries 100 bytes; large records share the remaining 400.
        RecordQueue<String> q = new RecordQueue<>(4, 800, WhenQueueFull.DROP_NEWEST, NO_WAIT);

        assertThat(q.offer("small", 100)).isTrue();
        assertThat(q.offer("large", 500)).isTrue();
        assertThat(q.offer("one byte too many", 101)).isFalse();
        assertThat(q.offer("small again", 100)).isTrue();
        String[] out = new String[4];
        q.peek(out, 2);
        q.remove(2);

        assertThat(q.offer("large fits again", 500)).isTrue();
        assertThat(q.sizeBytes()).isLessThanOrEqualTo(800);
    }

    @Test
    void peekKeepsRecordsUntilRemoved() {
        RecordQueue<String> q = new RecordQueue<>(4, 100, WhenQueueFull.DROP_NEWEST, NO_WAIT);
        q.offer("a", 1);
        q.offer("b", 2);
        q.offer("c", 3);
        String[] out = new String[8];

        int first = q.peek(out, 8);
        int again = q.peek(out, 2);
        q.remove(2);
        int rest = q.peek(out, 8);

        assertThat(first).isEqualTo(3);
        assertThat(again).isEqualTo(2);
        assertThat(rest).isEqualTo(1);
        assertThat(out[0]).isEqualTo("c");
        assertThat(q.sizeBytes()).isBetween(3L, 100L);
        assertThat(q.offer("d", 1) && q.offer("e", 1) && q.offer("f", 1)).isTrue();
        assertThat(q.offer("g", 1)).isFalse();
    }

    @Test
    void wrapsAroundTheRingInOrder() {
        RecordQueue<Integer> q = new RecordQueue<>(3, 100, WhenQueueFull.DROP_NEWEST, NO_WAIT);
        Integer[] out = new Integer[3];
        int next = 0;

        for (int round = 0; round < 50; round++) {
            q.offer(round * 2, 1);
            q.offer(round * 2 + 1, 1);
            int n = q.peek(out, 3);
            for (int i = 0; i < n; i++) {
                assertThat(out[i]).isEqualTo(next++);
            }
            q.remove(n);
        }

        assertThat(next).isEqualTo(100);
    }

    @Test
    @Timeout(5)
    void blockingOfferGivesUpAfterTheTimeout() {
        RecordQueue<String> q =
                new RecordQueue<>(1, 100, WhenQueueFull.BLOCK_WITH_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(50));
        q.offer("a", 1);

        long start = System.nanoTime();
        boolean accepted = q.offer("b", 1);
        long waited = System.nanoTime() - start;

        assertThat(accepted).isFalse();
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    @Timeout(10)
    void blockingOfferSucceedsOnceTheConsumerMakesRoom() throws Exception {
        RecordQueue<String> q =
                new RecordQueue<>(1, 100, WhenQueueFull.BLOCK_WITH_TIMEOUT, TimeUnit.SECONDS.toNanos(5));
        q.offer("a", 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean accepted = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            started.countDown();
            accepted.set(q.offer("b", 1));
        });
        producer.start();
        started.await();

        q.remove(1);
        producer.join(5_000);

        assertThat(accepted).isTrue();
        String[] out = new String[1];
        assertThat(q.peek(out, 1)).isEqualTo(1);
        assertThat(out[0]).isEqualTo("b");
    }

    @Test
    @Timeout(10)
    void awaitRecordsWakesWhenARecordArrives() throws Exception {
        RecordQueue<String> q = new RecordQueue<>(4, 100, WhenQueueFull.DROP_NEWEST, NO_WAIT);
        CountDownLatch woke = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            q.awaitRecords(TimeUnit.SECONDS.toNanos(30), false);
            woke.countDown();
        });
        consumer.start();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        q.offer("a", 1);

        assertThat(woke.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(10)
    void aNapIsEndedOnlyOnceAQuarterOfTheQueueHasFilled() throws Exception {
        RecordQueue<String> q = new RecordQueue<>(8, 100, WhenQueueFull.DROP_NEWEST, NO_WAIT);
        CountDownLatch woke = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            q.awaitRecords(TimeUnit.SECONDS.toNanos(30), true);
            woke.countDown();
        });
        consumer.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);

        q.offer("a", 1);
        boolean wokeAfterOne = woke.await(50, TimeUnit.MILLISECONDS);
        q.offer("b", 1);

        assertThat(wokeAfterOne).isFalse();
        assertThat(woke.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(30)
    void manyProducersLoseNothingWhileThereIsRoom() throws Exception {
        int producers = 4;
        int each = 50_000;
        RecordQueue<Integer> q = new RecordQueue<>(1 << 20, Long.MAX_VALUE, WhenQueueFull.DROP_NEWEST, NO_WAIT);
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            threads[p] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    assertThat(q.offer(base + i, 1)).isTrue();
                }
            });
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join();
        }

        Integer[] out = new Integer[1024];
        int[] lastPerProducer = new int[producers];
        Arrays.fill(lastPerProducer, -1);
        int total = 0;
        int n;
        while ((n = q.peek(out, out.length)) > 0) {
            for (int i = 0; i < n; i++) {
                int p = out[i] / each;
                assertThat(out[i]).isGreaterThan(lastPerProducer[p]);
                lastPerProducer[p] = out[i];
            }
            q.remove(n);
            total += n;
        }
        assertThat(total).isEqualTo(producers * each);
    }

    @Test
    void rejectsImpossibleLimits() {
        assertThatThrownBy(() -> new RecordQueue<>(0, 1, WhenQueueFull.DROP_NEWEST, 0))
                .hasMessage("queueSize must be in [1, 2^30]: 0");
        assertThatThrownBy(() -> new RecordQueue<>(1, 0, WhenQueueFull.DROP_NEWEST, 0))
                .hasMessage("queueMaxBytes must be > 0: 0");
        assertThatThrownBy(() -> new RecordQueue<>(1, 1, WhenQueueFull.DROP_NEWEST, -1))
                .hasMessage("blockTimeout must be >= 0: -1 ns");
    }
}
