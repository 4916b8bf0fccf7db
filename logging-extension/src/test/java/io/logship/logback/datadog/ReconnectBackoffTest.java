package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.schema.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void ceilingDoublesFromOneSecondToThirtySeconds() {
        ReconnectBackoff backoff =
                new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Backoff.NO_JITTER);

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.nextDelayNanos() / 1_000_000_000L);
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.nextDelayNanos())
                    .isBetween(0L, Duration.ofSeconds(30).toNanos());
        }
        assertThat(backoff.failures()).isEqualTo(1_000);
    }

    @Test
    void resetStartsAgainFromTheMinimum() {
        ReconnectBackoff backoff =
                new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Backoff.NO_JITTER);
        backoff.nextDelayNanos();
        backoff.nextDelayNanos();

        backoff.reset();

        assertThat(backoff.nextDelayNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void neverOverflowsAfterManyFailures() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofDays(1), Backoff.NO_JITTER);

        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = backoff.nextDelayNanos();
        }

        assertThat(last).isEqualTo(Duration.ofDays(1).toNanos());
    }

    @Test
    void rejectsImpossibleBounds() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("min reconnect delay must be > 0: PT0S");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("max reconnect delay must be >= min (PT2S): PT1S");
    }
}
