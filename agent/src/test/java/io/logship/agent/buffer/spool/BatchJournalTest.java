package io.logship.agent.buffer.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchJournalTest {
    @TempDir
    Path dir;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> texts(List<BatchJournal.Recovered> batches) {
        return batches.stream()
                .map(b -> new String(b.json(), StandardCharsets.UTF_8) + "#" + b.records())
                .toList();
    }

    @Test
    void theOpenBatchIsRecoveredAsAnArray() throws IOException {
        Path file = dir.resolve("journal-1.wal");
        try (BatchJournal journal = BatchJournal.create(file, 4096)) {
            journal.records(bytes("[{\"a\":1}"), 1);
            journal.records(bytes(",{\"a\":2},{\"a\":3}"), 2);
        }
        assertThat(Files.size(file)).as("preallocated").isEqualTo(4096);
        assertThat(texts(BatchJournal.recover(file))).containsExactly("[{\"a\":1},{\"a\":2},{\"a\":3}]#3");
    }

    @Test
    void aResetForgetsEverythingBeforeIt() throws IOException {
        Path file = dir.resolve("journal-1.wal");
        try (BatchJournal journal = BatchJournal.create(file, 4096)) {
            journal.records(bytes("[{\"a\":1},{\"a\":2}"), 2);
            journal.reset();
            assertThat(BatchJournal.recover(file)).isEmpty();
            journal.records(bytes("[{\"b\":1}"), 1); // shorter than the stale frame under it
        }
        assertThat(texts(BatchJournal.recover(file))).containsExactly("[{\"b\":1}]#1");
    }

    @Test
    void sealedBatchesMarkedSpooledAreSkipped() throws IOException {
        Path file = dir.resolve("journal-1.wal");
        try (BatchJournal journal = BatchJournal.create(file, 0)) {
            journal.records(bytes("[{\"a\":1}"), 1);
            journal.seal();
            journal.records(bytes("[{\"b\":1}"), 1);
            journal.seal();
            journal.records(bytes("[{\"c\":1}"), 1);
            journal.spooled(); // the first sealed one reached the spool
        }
        assertThat(texts(BatchJournal.recover(file))).containsExactly("[{\"b\":1}]#1", "[{\"c\":1}]#1");
    }

    @Test
    void aTornOrDamagedTailEndsTheRecoveryAtTheLastGoodFrame() throws IOException {
        Path file = dir.resolve("journal-1.wal");
        try (BatchJournal journal = BatchJournal.create(file, 4096)) {
            journal.records(bytes("[{\"a\":1}"), 1);
            journal.records(bytes(",{\"a\":2}"), 1);
        }
        long secondPayload =
                BatchJournal.FILE_HEADER_BYTES + BatchJournal.FRAME_HEADER_BYTES + 8 + BatchJournal.FRAME_HEADER_BYTES;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'X'}), secondPayload + 2);
        }
        assertThat(texts(BatchJournal.recover(file))).containsExactly("[{\"a\":1}]#1");
    }

    @Test
    void emptyGarbageAndForeignFilesRecoverNothing() throws IOException {
        Path empty = Files.write(dir.resolve("journal-1.wal"), new byte[0]);
        Path garbage = Files.write(dir.resolve("journal-2.wal"), "not a journal at all".getBytes());
        assertThat(BatchJournal.recover(empty)).isEmpty();
        assertThat(BatchJournal.recover(garbage)).isEmpty();
        assertThat(BatchJournal.files(dir)).containsExactly(empty, garbage);
        assertThat(BatchJournal.files(dir.resolve("absent"))).isEmpty();
    }
}
