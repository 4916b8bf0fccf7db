package io.logship.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingGrowsByFactorUntilMax() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Backoff.NO_JITTER);

        assertThat(backoff.delay(0)).isEqualTo(Duration.ZERO);
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void jitterScalesTheCeiling() {
        Backoff half = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), () -> 0.5);
        assertThat(half.delay(3)).isEqualTo(Duration.ofSeconds(2));

        SplittableRandom random = new SplittableRandom(7);
        Backoff uniform = new Backoff(Duration.ofMillis(100), 3.0, Duration.ofSeconds(5), random::nextDouble);
        for (int attempt = 1; attempt < 50; attempt++) {
            assertThat(uniform.delay(attempt)).isBetween(Duration.ZERO, uniform.ceiling(attempt));
        }
    }

    @Test
    void fixedIsTheSameDelayEveryTime() {
        Backoff fixed = Backoff.fixed(Duration.ofMillis(1_000));

        assertThat(fixed.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(fixed.delay(1_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(fixed.saturatingAttempts()).isEqualTo(1);
        assertThat(Backoff.fixed(Duration.ZERO).delay(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void saturatingAttemptsIsWhereTheCeilingReachesMax() {
        assertThat(new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(120), Backoff.NO_JITTER)
                        .saturatingAttempts())
                .isEqualTo(8);
        assertThat(new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(64), Backoff.NO_JITTER)
                        .saturatingAttempts())
                .isEqualTo(7);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1), Backoff.NO_JITTER))
                .withMessage("base must be >= 0: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), Backoff.NO_JITTER))
                .withMessage("factor must be >= 1 and finite: 0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Backoff.NO_JITTER))
                .withMessage("max must be >= base (PT2S): PT1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.fixed(Duration.ofSeconds(1)).delay(-1))
                .withMessage("attempt must be >= 0: -1");
        assertThatIllegalStateException()
                .isThrownBy(() -> new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), () -> 1.5).delay(1))
                .withMessage("jitter must return a value in [0, 1]: 1.5");
    }
}
