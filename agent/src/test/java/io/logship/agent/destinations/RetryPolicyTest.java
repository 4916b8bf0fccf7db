package io.logship.agent.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Optional<Duration> NO_HINT = Optional.empty();
    /** Jitter at its top: the delay is just under the ceiling. */
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private static RetryPolicy withJitter(double r) {
        return new RetryPolicy(RetryPolicy.DEFAULT_BASE, RetryPolicy.DEFAULT_FACTOR, RetryPolicy.DEFAULT_MAX, () -> r);
    }

    @Test
    void defaultsAreTheDatadogAgents() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.base()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.factor()).isEqualTo(2.0);
        assertThat(policy.max()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theFirstAttemptIsImmediate() {
        assertThat(withJitter(0.5).delayBeforeAttempt(0, NO_HINT)).isZero();
    }

    @Test
    void ceilingsDoubleFromBaseUntilMax() {
        RetryPolicy policy = withJitter(0.5);

        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(7)).isEqualTo(Duration.ofSeconds(64));
        assertThat(policy.ceiling(8)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(withJitter(0.0).delayBeforeAttempt(3, NO_HINT)).isZero();
        assertThat(withJitter(0.5).delayBeforeAttempt(3, NO_HINT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(withJitter(ALMOST_ONE).delayBeforeAttempt(3, NO_HINT))
                .isLessThan(Duration.ofSeconds(4))
                .isGreaterThan(Duration.ofMillis(3_999));
        assertThat(withJitter(ALMOST_ONE).delayBeforeAttempt(50, NO_HINT))
                .isLessThanOrEqualTo(Duration.ofSeconds(120))
                .isGreaterThan(Duration.ofMillis(119_999));
    }

    @Test
    void delaysFromARealRandomSourceStayUnderTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), 3.0, Duration.ofSeconds(5), random::nextDouble);

        for (int failures = 1; failures < 20; failures++) {
            Duration delay = policy.delayBeforeAttempt(failures, NO_HINT);

            assertThat(delay).isBetween(Duration.ZERO, policy.ceiling(failures));
        }
    }

    @Test
    void retryAfterIsTheDelayExactlyWithoutJitter() {
        Duration delay = withJitter(0.0).delayBeforeAttempt(1, Optional.of(Duration.ofSeconds(30)));

        assertThat(delay).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterIsCappedAtMax() {
        assertThat(withJitter(0.0).delayBeforeAttempt(1, Optional.of(Duration.ofHours(2))))
                .isEqualTo(RetryPolicy.DEFAULT_MAX);
        assertThat(withJitter(0.0).delayBeforeAttempt(1, Optional.of(Duration.ofSeconds(120))))
                .isEqualTo(RetryPolicy.DEFAULT_MAX);
        assertThat(withJitter(0.0).delayBeforeAttempt(1, Optional.of(Duration.ofMillis(120_001))))
                .isEqualTo(RetryPolicy.DEFAULT_MAX);
    }

    @Test
    void retryAfterZeroOrNegativeMeansNow() {
        assertThat(withJitter(0.9).delayBeforeAttempt(5, Optional.of(Duration.ZERO)))
                .isZero();
        assertThat(withJitter(0.9).delayBeforeAttempt(5, Optional.of(Duration.ofSeconds(-3))))
                .isZero();
    }

    @Test
    void saturatingFailuresIsWhereTheCeilingReachesMax() {
        assertThat(RetryPolicy.defaults().saturatingFailures()).isEqualTo(8);
        assertThat(new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(64), () -> 0).saturatingFailures())
                .isEqualTo(7);
        assertThat(new RetryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(64), () -> 0).saturatingFailures())
                .isEqualTo(1);
        assertThat(new RetryPolicy(Duration.ofSeconds(5), 2.0, Duration.ofSeconds(5), () -> 0).saturatingFailures())
                .isEqualTo(1);
    }

    @Test
    void impossibleArgumentsAreRejectedWithTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofSeconds(1), () -> 0))
                .withMessage("base must be > 0: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1), () -> 0))
                .withMessage("base must be > 0: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), () -> 0))
                .withMessage("factor must be >= 1 and finite: 0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(1), () -> 0))
                .withMessage("factor must be >= 1 and finite: NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), () -> 0))
                .withMessage("max must be >= base (PT2S): PT1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), 2, Duration.ofDays(2), () -> 0))
                .withMessage("max must be <= PT24H: PT48H");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryPolicy.defaults().delayBeforeAttempt(-1, NO_HINT))
                .withMessage("failedAttempts must be >= 0: -1");
    }

    @Test
    void aRandomSourceOutsideTheUnitIntervalIsABug() {
        assertThatIllegalStateException()
                .isThrownBy(() -> withJitter(1.0).delayBeforeAttempt(1, NO_HINT))
                .withMessage("random must return a value in [0, 1): 1.0");
    }
}
