package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.agent.batch.BatchLimits;
import io.logship.agent.batch.BatchQueue;
import io.logship.config.Compression;
import io.logship.agent.frame.LineSplitter;
import io.logship.agent.send.RetryPolicy;
import io.logship.config.Batch;
import io.logship.config.Buffer;
import io.logship.config.ConfigLoader;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Retry;
import org.junit.jupiter.api.Test;

/** The config module cannot see the stages' constants, so each limit exists twice: this test keeps them equal. */
class DefaultsAgreeTest {
    @Test
    void configDefaultsEqualTheStagesDefaults() {
        assertThat(LogSource.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(LineSplitter.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(Batch.DEFAULT_MAX_RECORDS).isEqualTo(BatchLimits.DEFAULT_MAX_RECORDS);
        assertThat(Batch.DEFAULT_MAX_BYTES).isEqualTo(BatchLimits.DEFAULT_MAX_BYTES);
        assertThat(Batch.DEFAULT_MAX_WAIT).isEqualTo(BatchLimits.DEFAULT_MAX_WAIT);
        assertThat(Buffer.DEFAULT_MAX_BYTES).isEqualTo(BatchQueue.DEFAULT_MAX_BYTES);
        assertThat(Retry.DEFAULT_BASE).isEqualTo(RetryPolicy.DEFAULT_BASE);
        assertThat(Retry.DEFAULT_FACTOR).isEqualTo(RetryPolicy.DEFAULT_FACTOR);
        assertThat(Retry.DEFAULT_MAX).isEqualTo(RetryPolicy.DEFAULT_MAX);
    }

    @Test
    void defaultConfigHasOneTcpSourceOnTheDatadogPort() {
        LogshipConfig defaults = ConfigLoader.defaults();

        assertThat(defaults.logs()).hasSize(1);
        assertThat(defaults.logs().get(0).port()).isEqualTo(10518);
        assertThat(defaults.intake().compression()).isEqualTo(Compression.ZSTD);
        assertThat(defaults.intake().compressionLevel()).isEqualTo(1);
    }
}
