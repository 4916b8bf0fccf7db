package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.agent.batch.BatchQueue;
import io.logship.agent.buffer.spool.SpoolConfig;
import io.logship.agent.destinations.RetryPolicy;
import io.logship.agent.frame.LineSplitter;
import io.logship.agent.sources.udp.UdpInput;
import io.logship.config.Buffer;
import io.logship.config.Compression;
import io.logship.config.ConfigLoader;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Retry;
import io.logship.config.SocketSource;
import io.logship.config.Spool;
import org.junit.jupiter.api.Test;

/**
 * The config module cannot see the stages' constants: where a stage declares a default of its own it must equal the
 * configuration's (and where it can, a stage takes the configuration's constant instead, so the number is written
 * once). This test compares every one of them.
 */
class DefaultsAgreeTest {
    @Test
    void configDefaultsEqualTheStagesDefaults() {
        assertThat(LogSource.DEFAULT_MAX_MESSAGE_BYTES).isEqualTo(LineSplitter.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(Buffer.DEFAULT_MAX_BYTES).isEqualTo(BatchQueue.DEFAULT_MAX_BYTES);
        assertThat(Retry.DEFAULT_BASE).isEqualTo(RetryPolicy.DEFAULT_BASE);
        assertThat(Retry.DEFAULT_FACTOR).isEqualTo(RetryPolicy.DEFAULT_FACTOR);
        assertThat(Retry.DEFAULT_MAX).isEqualTo(RetryPolicy.DEFAULT_MAX);
        assertThat(Spool.DEFAULT_MAX_BYTES).isEqualTo(SpoolConfig.defaults().maxBytes());
        assertThat(Spool.DEFAULT_FSYNC.name())
                .isEqualTo(SpoolConfig.defaults().fsync().name());
        assertThat(Spool.DEFAULT_FSYNC_INTERVAL)
                .isEqualTo(SpoolConfig.defaults().fsyncInterval());
        assertThat(SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES).isEqualTo(UdpInput.SO_RCVBUF_BYTES);
    }

    @Test
    void defaultConfigHasOneTcpSourceOnTheDatadogPort() {
        LogshipConfig defaults = ConfigLoader.defaults();

        assertThat(defaults.logs()).hasSize(1);
        assertThat(((SocketSource) defaults.logs().get(0)).port()).isEqualTo(10518);
        assertThat(defaults.intake().compression()).isEqualTo(Compression.ZSTD);
        assertThat(defaults.intake().compressionLevel()).isEqualTo(1);
    }
}
