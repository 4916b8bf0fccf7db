package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.logship.config.FsyncPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpoolConfigTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsAreOneGibibyteInSixtyFourMebibyteSegmentsSyncedEveryBatchAsTheConfigurationSays() {
        SpoolConfig config = SpoolConfig.defaults();

        assertThat(config.maxBytes()).isEqualTo(1L << 30);
        assertThat(config.segmentBytes()).isEqualTo(64L << 20);
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.EVERY_BATCH);
        assertThat(config.fsyncInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ofPicksAnEighthOfTheCeilingForSegmentsWithinBounds() {
        assertThat(SpoolConfig.of(8L << 20, FsyncPolicy.INTERVAL, SECOND).segmentBytes())
                .isEqualTo(1L << 20);
        assertThat(SpoolConfig.of(4096, FsyncPolicy.INTERVAL, SECOND).segmentBytes())
                .isEqualTo(1024);
        assertThat(SpoolConfig.of(1L << 40, FsyncPolicy.INTERVAL, SECOND).segmentBytes())
                .isEqualTo(64L << 20);
    }

    @Test
    void limitsAreAcceptedAtTheBoundAndRejectedOnePast() {
        assertThat(new SpoolConfig(4096, 1024, FsyncPolicy.INTERVAL, SECOND).maxBytes())
                .isEqualTo(4096);
        assertThat(new SpoolConfig(4096, 4096, FsyncPolicy.INTERVAL, SECOND).segmentBytes())
                .isEqualTo(4096);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpoolConfig(4095, 1024, FsyncPolicy.INTERVAL, SECOND))
                .withMessage("maxBytes must be >= 4096: 4095");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpoolConfig(4096, 1023, FsyncPolicy.INTERVAL, SECOND))
                .withMessage("segmentBytes must be in [1024, 4096]: 1023");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpoolConfig(4096, 4097, FsyncPolicy.INTERVAL, SECOND))
                .withMessage("segmentBytes must be in [1024, 4096]: 4097");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpoolConfig(1L << 40, (1L << 30) + 1, FsyncPolicy.INTERVAL, SECOND))
                .withMessage("segmentBytes must be in [1024, 1073741824]: 1073741825");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SpoolConfig(4096, 1024, FsyncPolicy.INTERVAL, Duration.ZERO))
                .withMessage("fsyncInterval must be > 0: PT0S");
    }
}
