package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BodyBudgetUnitTest {
    @Test
    void reservesUpToTheLimitAndRefusesOneBytePast() {
        BodyBudget budget = new BodyBudget(100);

        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(40)).as("exactly at the limit").isTrue();
        assertThat(budget.tryReserve(1)).as("one past").isFalse();

        assertThat(budget.bufferedBytes()).isEqualTo(100);
        assertThat(budget.peakBytes()).isEqualTo(100);
        assertThat(budget.refusals()).isEqualTo(1);
    }

    @Test
    void releaseGivesRoomBackAndKeepsThePeak() {
        BodyBudget budget = new BodyBudget(100);
        budget.tryReserve(100);

        budget.release(70);

        assertThat(budget.bufferedBytes()).isEqualTo(30);
        assertThat(budget.tryReserve(70)).isTrue();
        assertThat(budget.peakBytes()).isEqualTo(100);
    }

    @Test
    void rejectsImpossibleValues() {
        assertThatThrownBy(() -> new BodyBudget(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limitBytes must be > 0: 0");
        assertThatThrownBy(() -> new BodyBudget(10).tryReserve(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes must be >= 0: -1");
    }
}
