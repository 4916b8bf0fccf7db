package io.logship.agent.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BackoffStateTest {
    private static final RetryPolicy TOP_JITTER =
            new RetryPolicy(RetryPolicy.DEFAULT_BASE, RetryPolicy.DEFAULT_FACTOR, RetryPolicy.DEFAULT_MAX, () -> 0.5);

    @Test
    void aHealthyDestinationSendsAtOnce() {
        BackoffState state = new BackoffState(TOP_JITTER);

        assertThat(state.failures()).isZero();
        assertThat(state.nextDelay(Optional.empty())).isZero();
    }

    @Test
    void failuresGrowTheDelayAndSaturateAtTheMax() {
        BackoffState state = new BackoffState(TOP_JITTER);

        state.recordFailure();
        Duration afterOne = state.nextDelay(Optional.empty());
        for (int i = 0; i < 100; i++) {
            state.recordFailure();
        }

        assertThat(afterOne).isEqualTo(Duration.ofMillis(500));
        assertThat(state.failures()).isEqualTo(8);
        assertThat(state.nextDelay(Optional.empty())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void recoveryForgivesTwoFailuresPerSuccess() {
        BackoffState state = new BackoffState(TOP_JITTER);
        for (int i = 0; i < 100; i++) {
            state.recordFailure();
        }

        assertThat(state.recordSuccess()).isEqualTo(6);
        assertThat(state.recordSuccess()).isEqualTo(4);
        assertThat(state.recordSuccess()).isEqualTo(2);
        assertThat(state.recordSuccess()).isZero();
        assertThat(state.recordSuccess()).isZero();
    }

    @Test
    void aHugeRecoveryIntervalResetsOnTheFirstSuccess() {
        BackoffState state = new BackoffState(TOP_JITTER, Integer.MAX_VALUE);
        state.recordFailure();
        state.recordFailure();

        assertThat(state.recordSuccess()).isZero();
    }

    @Test
    void retryAfterWinsEvenWhenHealthy() {
        BackoffState state = new BackoffState(TOP_JITTER);

        assertThat(state.nextDelay(Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRecoveryIntervalBelowOneIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BackoffState(TOP_JITTER, 0))
                .withMessage("recoveryInterval must be >= 1: 0");
    }

    @Test
    void duringAnOutageOneSenderProbesAndTheOthersResumeOnItsFirstAnswer() throws Exception {
        BackoffState state = new BackoffState(
                new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(2), () -> 0.99),
                2,
                Duration.ofMillis(200),
                new DestinationHealth(Duration.ofMinutes(2)));
        long start = System.nanoTime();
        state.failed(start);
        state.failed(start);
        assertThat(state.failing()).isTrue();
        CountDownLatch parkedReturned = new CountDownLatch(1);

        // The first to wait probes: capped at the probe interval although the policy says ~30 s.
        long probeStart = System.nanoTime();
        state.awaitRetry(Optional.empty());
        assertThat(Duration.ofNanos(System.nanoTime() - probeStart)).isLessThan(Duration.ofSeconds(5));
        Thread parked = new Thread(() -> {
            try {
                state.awaitRetry(Optional.empty());
                parkedReturned.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parked.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> parked.getState() == Thread.State.WAITING);
        assertThat(parkedReturned.getCount()).isEqualTo(1); // no timer: it waits for an answer

        state.answered();

        assertThat(parkedReturned.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(state.failing()).isFalse();
        parked.join(5000);
    }

    @Test
    void aFailureOfAnAttemptThatBeganBeforeTheLastAnswerStartsNoOutage() throws Exception {
        BackoffState state = new BackoffState(TOP_JITTER);
        long before = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> System.nanoTime() != before);
        state.answered();

        state.failed(before);

        assertThat(state.failing()).isFalse();
        state.awaitRetry(Optional.empty()); // returns at once
    }

    @Test
    void theProbeHonoursRetryAfterBeyondTheProbeInterval() {
        BackoffState state = new BackoffState(TOP_JITTER);
        state.failed(System.nanoTime());

        assertThat(state.probeDelay(Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(state.probeDelay(Optional.empty())).isLessThanOrEqualTo(BackoffState.DEFAULT_PROBE_INTERVAL);
    }
}
