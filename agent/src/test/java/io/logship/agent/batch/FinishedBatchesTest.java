package io.logship.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinishedBatchesTest {
    @Test
    void aCallbackRunsOnlyWhenEveryBatchUpToItsNumberFinishedInAnyOrder() {
        FinishedBatches finished = new FinishedBatches();
        List<String> ran = new ArrayList<>();
        finished.whenUpTo(2, () -> ran.add("up to 2"));
        finished.whenUpTo(3, () -> ran.add("up to 3"));

        finished.finished(3);
        finished.finished(2);
        assertThat(ran).isEmpty();

        finished.finished(1);
        assertThat(ran).containsExactly("up to 2", "up to 3");
    }

    @Test
    void aCallbackForFinishedBatchesRunsAtOnce() {
        FinishedBatches finished = new FinishedBatches();
        finished.finished(1);
        List<String> ran = new ArrayList<>();

        finished.whenUpTo(1, () -> ran.add("now"));
        finished.whenUpTo(0, () -> ran.add("nothing to wait for"));

        assertThat(ran).containsExactly("now", "nothing to wait for");
    }
}
