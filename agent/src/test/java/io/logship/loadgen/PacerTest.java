package io.logship.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Long> parks = new ArrayList<>();

    private Pacer pacer(double linesPerSecond) {
        return new Pacer(linesPerSecond, now::get, nanos -> {
            parks.add(nanos);
            now.addAndGet(nanos);
        });
    }

    @Test
    void waitsUntilTheLinesAlreadySentAreDue() {
        Pacer pacer = pacer(1000); // one line per millisecond

        pacer.awaitTurn(0);
        pacer.awaitTurn(10);
        pacer.awaitTurn(25);

        assertThat(parks).containsExactly(10_000_000L, 15_000_000L);
    }

    @Test
    void aLateSenderCatchesUpWithoutWaiting() {
        Pacer pacer = pacer(1000);
        now.addAndGet(50_000_000L); // stalled for 50 ms

        pacer.awaitTurn(40);

        assertThat(parks).isEmpty();
    }

    @Test
    void anEarlyWakeupWaitsAgain() {
        AtomicLong calls = new AtomicLong();
        Pacer pacer =
                new Pacer(1000, now::get, nanos -> now.addAndGet(calls.incrementAndGet() == 1 ? nanos / 2 : nanos));

        pacer.awaitTurn(10);

        assertThat(calls.get()).isEqualTo(2);
        assertThat(now.get()).isEqualTo(1_000 + 10_000_000L);
    }

    @Test
    void aRateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> pacer(0)).withMessage("linesPerSecond must be > 0: 0.0");
    }
}
