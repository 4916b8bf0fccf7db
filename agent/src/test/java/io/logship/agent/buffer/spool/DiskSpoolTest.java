package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.config.FsyncPolicy;
import io.logship.support.DirectoryLockedException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpoolTest {
    private static final int P = 400; // payload bytes in most tests
    private static final long ENTRY = EntryFormat.HEADER_BYTES + P;
    /** Two 400-byte entries per segment. */
    private static final SpoolConfig SMALL_SEGMENTS =
            new SpoolConfig(1 << 20, 1024, FsyncPolicy.INTERVAL, Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private static byte[] payload(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".spool"))
                    .sorted()
                    .toList();
        }
    }

    private static long entryOffset(int index) {
        return EntryFormat.FILE_HEADER_BYTES + index * ENTRY;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5A);
        }
    }

    private static void truncateBy(Path file, long bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - bytes);
        }
    }

    private DiskSpool openDefault() throws IOException {
        return DiskSpool.open(dir, SpoolConfig.of(1 << 20, FsyncPolicy.INTERVAL, Duration.ofSeconds(1)));
    }

    private DiskSpool spoolWithThreeEntriesThenCrash() throws IOException {
        DiskSpool spool = openDefault();
        for (int i = 1; i <= 3; i++) {
            assertThat(spool.append(payload(P, i), i, 0).isAppended()).isTrue();
        }
        spool.simulateCrash();
        return spool;
    }

    @Test
    void appendedBatchesAreReplayedOldestFirstAfterACrash() throws IOException {
        DiskSpool first = openDefault();
        AppendResult a = first.append(payload(P, 1), 10, 7);
        AppendResult b = first.append(payload(P, 2), 20, 8);
        first.simulateCrash();

        try (DiskSpool second = openDefault()) {
            List<SpoolEntry> pending = second.pending();

            assertThat(pending)
                    .extracting(SpoolEntry::id)
                    .containsExactly(a.entry().id(), b.entry().id());
            assertThat(pending).extracting(SpoolEntry::recordCount).containsExactly(10, 20);
            assertThat(pending).extracting(SpoolEntry::attributes).containsExactly(7, 8);
            assertThat(second.read(pending.get(0))).isEqualTo(payload(P, 1));
            assertThat(second.read(pending.get(1))).isEqualTo(payload(P, 2));
            assertThat(second.stats().corruptEntriesSkipped()).isZero();
            assertThat(second.stats().tornTails()).isZero();
        }
    }

    @Test
    void appendsAfterAReopenGetLaterIdsAndANewSegment() throws IOException {
        DiskSpool first = openDefault();
        long firstId = first.append(payload(P, 1), 1, 0).entry().id();
        first.simulateCrash();

        try (DiskSpool second = openDefault()) {
            long nextId = second.append(payload(P, 2), 1, 0).entry().id();

            assertThat(nextId).isGreaterThan(firstId);
            assertThat(segmentFiles()).hasSize(2);
            assertThat(second.pending()).extracting(SpoolEntry::id).containsExactly(firstId, nextId);
        }
    }

    @Test
    void pendingBatchesSurviveACleanCloseToo() throws IOException {
        try (DiskSpool spool = openDefault()) {
            spool.append(payload(P, 1), 1, 0);
        }

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).hasSize(1);
            assertThat(spool.read(spool.pending().get(0))).isEqualTo(payload(P, 1));
        }
    }

    @Test
    void acknowledgingEveryEntryOfASealedSegmentDeletesItsFile() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, SMALL_SEGMENTS)) {
            long[] ids = new long[5];
            for (int i = 0; i < 5; i++) {
                ids[i] = spool.append(payload(P, i), 1, 0).entry().id();
            }
            assertThat(segmentFiles()).hasSize(3);
            long before = spool.sizeBytes();

            assertThat(spool.acknowledge(ids[0])).isTrue();
            assertThat(segmentFiles()).hasSize(3);
            assertThat(spool.acknowledge(ids[1])).isTrue();

            assertThat(segmentFiles()).hasSize(2);
            assertThat(spool.sizeBytes()).isEqualTo(before - EntryFormat.FILE_HEADER_BYTES - 2 * ENTRY);
            assertThat(spool.pending()).extracting(SpoolEntry::id).containsExactly(ids[2], ids[3], ids[4]);
            assertThat(spool.stats().segments()).isEqualTo(2);
        }
    }

    @Test
    void sizeBytesMatchesTheFilesOnDisk() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, SMALL_SEGMENTS)) {
            for (int i = 0; i < 5; i++) {
                spool.append(payload(P, i), 1, 0);
            }

            long onDisk = 0;
            for (Path f : segmentFiles()) {
                onDisk += Files.size(f);
            }
            assertThat(spool.sizeBytes()).isEqualTo(onDisk).isEqualTo(3 * EntryFormat.FILE_HEADER_BYTES + 5 * ENTRY);
        }
    }

    @Test
    void closeDeletesAFullyAcknowledgedActiveSegment() throws IOException {
        DiskSpool spool = openDefault();
        long id = spool.append(payload(P, 1), 1, 0).entry().id();
        spool.acknowledge(id);
        assertThat(segmentFiles()).hasSize(1);

        spool.close();

        assertThat(segmentFiles()).isEmpty();
    }

    @Test
    void acknowledgeIsIdempotentAndIgnoresUnknownIds() throws IOException {
        try (DiskSpool spool = openDefault()) {
            long id = spool.append(payload(P, 1), 1, 0).entry().id();

            assertThat(spool.acknowledge(id)).isTrue();
            assertThat(spool.acknowledge(id)).isFalse();
            assertThat(spool.acknowledge(12345)).isFalse();
            assertThat(spool.acknowledge(-1)).isFalse();
        }
    }

    @Test
    void readingAnAcknowledgedEntryIsRejected() throws IOException {
        try (DiskSpool spool = openDefault()) {
            SpoolEntry entry = spool.append(payload(P, 1), 1, 0).entry();
            spool.acknowledge(entry.id());

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> spool.read(entry))
                    .withMessage("no pending spool entry with id " + entry.id());
        }
    }

    @Test
    void aCorruptEntryInTheMiddleIsSkippedAndCountedAndLaterEntriesSurvive() throws IOException {
        spoolWithThreeEntriesThenCrash();
        flipByte(segmentFiles().get(0), entryOffset(1) + EntryFormat.HEADER_BYTES + 100);

        try (DiskSpool spool = openDefault()) {
            List<SpoolEntry> pending = spool.pending();

            assertThat(pending).extracting(SpoolEntry::recordCount).containsExactly(1, 3);
            assertThat(spool.read(pending.get(1))).isEqualTo(payload(P, 3));
            assertThat(spool.stats().corruptEntriesSkipped()).isEqualTo(1);
            assertThat(spool.stats().bytesSkipped()).isEqualTo(ENTRY);
            assertThat(spool.stats().tornTails()).isZero();
        }
    }

    @Test
    void aCorruptLengthFieldIsNotTrustedAndTheNextEntryIsFoundAgain() throws IOException {
        spoolWithThreeEntriesThenCrash();
        flipByte(segmentFiles().get(0), entryOffset(1) + 5); // inside the length field

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).extracting(SpoolEntry::recordCount).containsExactly(1, 3);
            assertThat(spool.stats().corruptEntriesSkipped()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptFileHeaderLosesNoEntries() throws IOException {
        spoolWithThreeEntriesThenCrash();
        flipByte(segmentFiles().get(0), 2);

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).extracting(SpoolEntry::recordCount).containsExactly(1, 2, 3);
            assertThat(spool.stats().corruptEntriesSkipped()).isEqualTo(1);
            assertThat(spool.stats().bytesSkipped()).isEqualTo(EntryFormat.FILE_HEADER_BYTES);
        }
    }

    @Test
    void aTornTailIsSkippedAndCountedAndEarlierEntriesSurvive() throws IOException {
        spoolWithThreeEntriesThenCrash();
        truncateBy(segmentFiles().get(0), 10);

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).extracting(SpoolEntry::recordCount).containsExactly(1, 2);
            assertThat(spool.stats().tornTails()).isEqualTo(1);
            assertThat(spool.stats().bytesSkipped()).isEqualTo(ENTRY - 10);
            assertThat(spool.stats().corruptEntriesSkipped()).isZero();
        }
    }

    @Test
    void aTailTornInsideTheHeaderIsATornTail() throws IOException {
        spoolWithThreeEntriesThenCrash();
        truncateBy(segmentFiles().get(0), P + 20);

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).extracting(SpoolEntry::recordCount).containsExactly(1, 2);
            assertThat(spool.stats().tornTails()).isEqualTo(1);
        }
    }

    @Test
    void aSegmentWithNothingIntactIsDeletedOnOpen() throws IOException {
        spoolWithThreeEntriesThenCrash();
        try (RandomAccessFile raf = new RandomAccessFile(segmentFiles().get(0).toFile(), "rw")) {
            raf.setLength(5); // a crash right after the roll
        }

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).isEmpty();
            assertThat(spool.stats().tornTails()).isEqualTo(1);
            assertThat(segmentFiles()).isEmpty();
            assertThat(spool.sizeBytes()).isZero();
        }
    }

    @Test
    void corruptionFoundWhenReadingIsReportedWithTheFile() throws IOException {
        try (DiskSpool spool = openDefault()) {
            SpoolEntry entry = spool.append(payload(P, 1), 1, 0).entry();
            spool.sync();
            flipByte(segmentFiles().get(0), entryOffset(0) + EntryFormat.HEADER_BYTES + 1);

            assertThatThrownBy(() -> spool.read(entry))
                    .isInstanceOf(IOException.class)
                    .hasMessage("spool entry " + entry.id() + " in "
                            + segmentFiles().get(0) + " is corrupt: checksum mismatch");
        }
    }

    @Test
    void aFullSpoolAnswersFullUntilAcknowledgementsFreeASegment() throws IOException {
        int payloadBytes = 1000;
        SpoolConfig config = new SpoolConfig(4096, 4096, FsyncPolicy.INTERVAL, Duration.ofSeconds(1));
        try (DiskSpool spool = DiskSpool.open(dir, config)) {
            long[] ids = new long[3];
            for (int i = 0; i < 3; i++) {
                ids[i] = spool.append(payload(payloadBytes, i), 1, 0).entry().id();
            }

            AppendResult full = spool.append(payload(payloadBytes, 3), 1, 0);
            spool.acknowledge(ids[0]);
            AppendResult stillFull = spool.append(payload(payloadBytes, 3), 1, 0);
            spool.acknowledge(ids[1]);
            spool.acknowledge(ids[2]);
            AppendResult afterAcks = spool.append(payload(payloadBytes, 3), 1, 0);

            assertThat(full.status()).isEqualTo(AppendResult.Status.FULL);
            assertThat(full.entry()).isNull();
            assertThat(stillFull.status()).isEqualTo(AppendResult.Status.FULL);
            assertThat(afterAcks.status()).isEqualTo(AppendResult.Status.APPENDED);
            assertThat(spool.stats().fullRejections()).isEqualTo(2);
            assertThat(spool.pending())
                    .extracting(SpoolEntry::id)
                    .containsExactly(afterAcks.entry().id());
            assertThat(spool.sizeBytes()).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void aPayloadThatExactlyFillsAnEmptySpoolIsAcceptedAndOneMoreByteIsTooLarge() throws IOException {
        SpoolConfig config = new SpoolConfig(4096, 4096, FsyncPolicy.INTERVAL, Duration.ofSeconds(1));
        int exact = 4096 - EntryFormat.FILE_HEADER_BYTES - EntryFormat.HEADER_BYTES;
        try (DiskSpool spool = DiskSpool.open(dir, config)) {
            AppendResult tooLarge = spool.append(new byte[exact + 1], 1, 0);
            AppendResult fits = spool.append(new byte[exact], 1, 0);

            assertThat(tooLarge.status()).isEqualTo(AppendResult.Status.TOO_LARGE);
            assertThat(fits.status()).isEqualTo(AppendResult.Status.APPENDED);
            assertThat(spool.sizeBytes()).isEqualTo(4096);
            assertThat(spool.append(new byte[0], 0, 0).status()).isEqualTo(AppendResult.Status.FULL);
        }
    }

    @Test
    void anEntryBiggerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, SMALL_SEGMENTS)) {
            spool.append(payload(100, 1), 1, 0);
            SpoolEntry big = spool.append(payload(5000, 2), 1, 0).entry();
            spool.append(payload(100, 3), 1, 0);

            assertThat(segmentFiles()).hasSize(3);
            assertThat(spool.read(big)).isEqualTo(payload(5000, 2));
        }
    }

    @Test
    void theCallersBufferIsNotConsumedAndDirectBuffersWork() throws IOException {
        try (DiskSpool spool = openDefault()) {
            ByteBuffer direct =
                    ByteBuffer.allocateDirect(P + 10).put(payload(P + 10, 4)).flip();
            direct.position(5).limit(P + 5);

            SpoolEntry entry = spool.append(direct, 1, 0).entry();

            assertThat(direct.position()).isEqualTo(5);
            assertThat(direct.limit()).isEqualTo(P + 5);
            assertThat(spool.read(entry)).isEqualTo(Arrays.copyOfRange(payload(P + 10, 4), 5, P + 5));
        }
    }

    @Test
    void anUnwritableDirectoryFailsOpenWithAMessageNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path spoolDir = file.resolve("spool");

        assertThatThrownBy(() -> DiskSpool.open(spoolDir, SMALL_SEGMENTS))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot create spool directory " + spoolDir + ": ");
    }

    @Test
    void aSecondInstanceOnTheSameDirectoryIsRefused() throws IOException {
        try (DiskSpool spool = openDefault()) {
            assertThatThrownBy(this::openDefault)
                    .isInstanceOf(IOException.class)
                    .isInstanceOf(DirectoryLockedException.class)
                    .hasMessage("cannot open the spool in " + dir + ": it is already open in this process");
            assertThat(spool.directory()).isEqualTo(dir);
        }
        try (DiskSpool reopened = openDefault()) {
            assertThat(reopened.pending()).isEmpty();
        }
    }

    @Test
    void aFullDiskFailsTheAppendWithTheFileNamedAndLosesNothing() throws IOException {
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        FileOpener disk = FailingChannel.opener(budget, new AtomicBoolean(), new AtomicBoolean());
        DiskSpool spool = DiskSpool.open(dir, SMALL_SEGMENTS, disk, System::nanoTime);
        long kept = spool.append(payload(P, 1), 1, 0).entry().id();
        budget.set(100); // the disk fills up in the middle of the next entry

        AppendResult failed = spool.append(payload(P, 2), 2, 0);
        budget.set(Long.MAX_VALUE); // space freed
        AppendResult retried = spool.append(payload(P, 2), 2, 0);

        assertThat(failed.status()).isEqualTo(AppendResult.Status.FAILED);
        assertThat(failed.error())
                .hasMessageStartingWith(
                        "cannot append to spool segment " + segmentFiles().get(0))
                .hasMessageContaining("No space left on device");
        assertThat(retried.isAppended()).isTrue();
        assertThat(spool.stats().appendFailures()).isEqualTo(1);
        assertThat(spool.pending())
                .extracting(SpoolEntry::id)
                .containsExactly(kept, retried.entry().id());
        spool.simulateCrash();
        try (DiskSpool reopened = openDefault()) {
            assertThat(reopened.pending()).extracting(SpoolEntry::recordCount).containsExactly(1, 2);
            assertThat(reopened.stats().tornTails()).isZero();
        }
    }

    @Test
    void aPartialEntryThatCannotBeCutBackIsATornTailOnReplay() throws IOException {
        AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean failTruncate = new AtomicBoolean();
        DiskSpool spool = DiskSpool.open(
                dir,
                SMALL_SEGMENTS,
                FailingChannel.opener(budget, failTruncate, new AtomicBoolean()),
                System::nanoTime);
        spool.append(payload(P, 1), 1, 0);
        budget.set(100);
        failTruncate.set(true);

        AppendResult failed = spool.append(payload(P, 2), 2, 0);
        spool.simulateCrash();

        assertThat(failed.status()).isEqualTo(AppendResult.Status.FAILED);
        assertThat(failed.error().getSuppressed()).hasSize(1);
        try (DiskSpool reopened = openDefault()) {
            assertThat(reopened.pending()).extracting(SpoolEntry::recordCount).containsExactly(1);
            assertThat(reopened.stats().tornTails()).isEqualTo(1);
            assertThat(reopened.stats().bytesSkipped()).isEqualTo(100);
        }
    }

    @Test
    void aDiskThatCannotCreateASegmentFailsCleanly() throws IOException {
        AtomicLong budget = new AtomicLong(0);
        DiskSpool spool = DiskSpool.open(
                dir,
                SMALL_SEGMENTS,
                FailingChannel.opener(budget, new AtomicBoolean(), new AtomicBoolean()),
                System::nanoTime);

        AppendResult failed = spool.append(payload(P, 1), 1, 0);

        assertThat(failed.status()).isEqualTo(AppendResult.Status.FAILED);
        assertThat(failed.error()).hasMessageStartingWith("cannot create spool segment " + dir);
        assertThat(segmentFiles()).isEmpty();
        assertThat(spool.sizeBytes()).isZero();
        budget.set(Long.MAX_VALUE);
        assertThat(spool.append(payload(P, 1), 1, 0).isAppended()).isTrue();
        spool.close();
    }

    @Test
    void aFailedFsyncFailsTheAppendUnderEveryBatch() throws IOException {
        AtomicBoolean failForce = new AtomicBoolean(true);
        SpoolConfig config = new SpoolConfig(1 << 20, 1 << 16, FsyncPolicy.EVERY_BATCH, Duration.ofSeconds(1));
        DiskSpool spool = DiskSpool.open(
                dir,
                config,
                FailingChannel.opener(new AtomicLong(Long.MAX_VALUE), new AtomicBoolean(), failForce),
                System::nanoTime);

        AppendResult failed = spool.append(payload(P, 1), 1, 0);
        failForce.set(false);
        AppendResult retried = spool.append(payload(P, 1), 1, 0);

        assertThat(failed.status()).isEqualTo(AppendResult.Status.FAILED);
        assertThat(failed.error()).hasMessageStartingWith("cannot fsync spool segment ");
        assertThat(spool.pending())
                .extracting(SpoolEntry::id)
                .containsExactly(retried.entry().id());
        spool.close();
    }

    @Test
    void everyBatchForcesEachAppend() throws IOException {
        SpoolConfig config = new SpoolConfig(1 << 20, 1 << 16, FsyncPolicy.EVERY_BATCH, Duration.ofSeconds(1));
        try (DiskSpool spool = DiskSpool.open(dir, config)) {
            for (int i = 0; i < 3; i++) {
                spool.append(payload(P, i), 1, 0);
            }

            assertThat(spool.stats().fsyncs()).isEqualTo(3);
        }
    }

    @Test
    void intervalForcesOnlyWhenTheIntervalHasPassedOrOnSync() throws IOException {
        AtomicLong nanos = new AtomicLong();
        SpoolConfig config = new SpoolConfig(1 << 20, 1 << 16, FsyncPolicy.INTERVAL, Duration.ofSeconds(1));
        DiskSpool spool = DiskSpool.open(dir, config, FileOpener.DEFAULT, nanos::get);

        spool.append(payload(P, 1), 1, 0);
        spool.append(payload(P, 2), 1, 0);
        long beforeInterval = spool.stats().fsyncs();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        spool.append(payload(P, 3), 1, 0);
        long afterInterval = spool.stats().fsyncs();
        spool.sync();
        long afterIdleSync = spool.stats().fsyncs();
        spool.append(payload(P, 4), 1, 0);
        spool.sync();

        assertThat(beforeInterval).isZero();
        assertThat(afterInterval).isEqualTo(1);
        assertThat(afterIdleSync).isEqualTo(1); // nothing new to force
        assertThat(spool.stats().fsyncs()).isEqualTo(2);
        spool.close();
        assertThat(spool.stats().fsyncs()).isEqualTo(2);
    }

    @Test
    void aClosedSpoolRejectsAppends() throws IOException {
        DiskSpool spool = openDefault();
        spool.close();
        spool.close(); // idempotent

        assertThatIllegalStateException()
                .isThrownBy(() -> spool.append(payload(P, 1), 1, 0))
                .withMessage("spool " + dir + " is closed");
        assertThat(spool.acknowledge(0)).isFalse();
    }

    @Test
    void aNegativeRecordCountIsRejected() throws IOException {
        try (DiskSpool spool = openDefault()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> spool.append(new byte[1], -1, 0))
                    .withMessage("recordCount must be >= 0: -1");
        }
    }

    @Test
    void strayFilesInTheDirectoryAreLeftAlone() throws IOException {
        Files.writeString(dir.resolve("segment-notanumber.spool"), "hello");
        Files.writeString(dir.resolve("README"), "hello");

        try (DiskSpool spool = openDefault()) {
            assertThat(spool.pending()).isEmpty();
        }
        assertThat(dir.resolve("segment-notanumber.spool")).exists();
        assertThat(dir.resolve("README")).exists();
    }
}
