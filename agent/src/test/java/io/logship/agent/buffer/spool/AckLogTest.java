package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.config.FsyncPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledgements survive a crash ({@code acks.log}), so a restart does not replay delivered batches. */
class AckLogTest {
    @TempDir
    Path dir;

    private DiskSpool open() throws IOException {
        return DiskSpool.open(dir, SpoolConfig.of(1L << 20, FsyncPolicy.EVERY_BATCH, Duration.ofSeconds(1)));
    }

    private static byte[] payload(int i) {
        return ("[{\"seq\":" + i + "}]").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAcknowledgedEntryIsNotReplayedAfterACrashNorAfterASecondOne() throws IOException {
        DiskSpool spool = open();
        long first = spool.append(payload(1), 1, 0).entry().id();
        long second = spool.append(payload(2), 2, 0).entry().id();
        long third = spool.append(payload(3), 3, 0).entry().id();
        assertThat(spool.acknowledge(first)).isTrue();
        spool.simulateCrash();

        DiskSpool reopened = open();
        assertThat(reopened.pending()).extracting(SpoolEntry::id).containsExactly(second, third);
        assertThat(reopened.acknowledge(third)).isTrue();
        reopened.simulateCrash();

        try (DiskSpool again = open()) {
            assertThat(again.pending()).extracting(SpoolEntry::id).containsExactly(second);
            assertThat(again.read(again.pending().get(0))).isEqualTo(payload(2));
        }
    }

    @Test
    void aTornAcknowledgementLogIsReadUpToItsLastCompleteId() throws IOException {
        DiskSpool spool = open();
        long first = spool.append(payload(1), 1, 0).entry().id();
        long second = spool.append(payload(2), 2, 0).entry().id();
        spool.acknowledge(first);
        spool.simulateCrash();
        Files.write(dir.resolve(AckLog.FILE_NAME), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        try (DiskSpool reopened = open()) {
            assertThat(reopened.pending()).extracting(SpoolEntry::id).containsExactly(second);
        }
    }

    @Test
    void theLogIsEmptiedOnceTheSegmentsItCoversAreGone() throws IOException {
        try (DiskSpool spool = open()) {
            long first = spool.append(payload(1), 1, 0).entry().id();
            long second = spool.append(payload(2), 2, 0).entry().id();
            spool.acknowledge(first);
            assertThat(Files.size(dir.resolve(AckLog.FILE_NAME))).isEqualTo(Long.BYTES);
            spool.acknowledge(second);
        } // close frees the fully acknowledged active segment
        assertThat(Files.size(dir.resolve(AckLog.FILE_NAME))).isZero();
        try (DiskSpool reopened = open()) {
            assertThat(reopened.pending()).isEmpty();
        }
    }
}
