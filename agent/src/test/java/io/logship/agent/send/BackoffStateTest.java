package io.logship.agent.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffStateTest {
    private static final RetryPolicy TOP_JITTER = new RetryPolicy(RetryPolicy.DEFAULT_BASE, RetryPolicy.DEFAULT_FACTOR,
            RetryPolicy.DEFAULT_MAX, () -> 0.5);

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
        for (int i = 0; i < 100; i++) state.recordFailure();

        assertThat(afterOne).isEqualTo(Duration.ofMillis(500));
        assertThat(state.failures()).isEqualTo(8);
        assertThat(state.nextDelay(Optional.empty())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void recoveryForgivesTwoFailuresPerSuccess() {
        BackoffState state = new BackoffState(TOP_JITTER);
        for (int i = 0; i < 100; i++) state.recordFailure();

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
        assertThatIllegalArgumentException().isThrownBy(() -> new BackoffState(TOP_JITTER, 0))
                .withMessage("recoveryInterval must be >= 1: 0");
    }
}
