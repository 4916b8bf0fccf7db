package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.search.SearchIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index follows the H2 store across restarts: it goes on from its last committed id, and an index that
 * is missing, unreadable, behind or ahead of the store is repaired from the store. Retention deletes from both.
 */
class SearchIndexRecoveryTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private LocalIntake start() throws IOException {
        return LocalIntake.start(LocalIntakeOptions.builder(directory).port(0).build());
    }

    private static void post(LocalIntake intake, int count, String prefix) {
        String body = IntStream.range(0, count)
                .mapToObj(i -> "{\"message\":\"" + prefix + " " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(new IntakeClient(intake).postLogs(body).statusCode()).isEqualTo(202);
    }

    private static long indexed(LocalIntake intake) throws IOException {
        return intake.searchIndex().count(new MatchAllDocsQuery());
    }

    /** Waits until the index has seen every stored record, then returns its document count. */
    private static long caughtUp(LocalIntake intake) throws Exception {
        long newest = intake.store().newestId();
        await().atMost(DEADLINE).until(() -> intake.searchIndex().searchableThrough() >= newest);
        return indexed(intake);
    }

    private Path indexDirectory() {
        return directory.resolve(SearchIndex.DIRECTORY_NAME);
    }

    @Test
    void goesOnFromItsLastCommitWithoutIndexingTwice() throws Exception {
        try (LocalIntake intake = start()) {
            post(intake, 5, "first");
            assertThat(caughtUp(intake)).isEqualTo(5);
        }
        try (LocalIntake intake = start()) {
            assertThat(indexed(intake)).isEqualTo(5); // committed at close, visible at once
            post(intake, 3, "second");
            assertThat(caughtUp(intake)).isEqualTo(8);
        }
    }

    @Test
    void anIndexBehindTheStoreCatchesUp() throws Exception {
        Path saved = directory.resolveSibling(directory.getFileName() + "-saved-index");
        try (LocalIntake intake = start()) {
            post(intake, 3, "early");
            caughtUp(intake);
        }
        copy(indexDirectory(), saved);
        try (LocalIntake intake = start()) {
            post(intake, 4, "late");
            caughtUp(intake);
        }
        replace(indexDirectory(), saved); // as if the process died before the index's last commit
        try (LocalIntake intake = start()) {
            assertThat(caughtUp(intake)).isEqualTo(7);
        }
    }

    @Test
    void aMissingIndexIsRebuiltFromTheStore() throws Exception {
        try (LocalIntake intake = start()) {
            post(intake, 6, "kept");
            caughtUp(intake);
        }
        deleteTree(indexDirectory());
        try (LocalIntake intake = start()) {
            assertThat(caughtUp(intake)).isEqualTo(6);
        }
    }

    @Test
    void anUnreadableIndexIsRebuiltFromTheStore() throws Exception {
        try (LocalIntake intake = start()) {
            post(intake, 6, "kept");
            caughtUp(intake);
        }
        try (Stream<Path> files = Files.list(indexDirectory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("write.lock")) {
                    Files.writeString(file, "not an index", StandardCharsets.US_ASCII);
                }
            }
        }
        try (LocalIntake intake = start()) {
            assertThat(caughtUp(intake)).isEqualTo(6);
            assertThat(new IntakeClient(intake).get("/api/search?query=kept").body())
                    .contains("\"total\":6");
        }
    }

    @Test
    void anIndexOfAnotherStoreIsDropped() throws Exception {
        try (LocalIntake intake = start()) {
            post(intake, 5, "gone");
            caughtUp(intake);
        }
        Files.delete(directory.resolve(IntakeStore.DATABASE_NAME + ".mv.db"));
        try (LocalIntake intake = start()) {
            post(intake, 2, "new");
            assertThat(caughtUp(intake)).isEqualTo(2);
        }
    }

    @Test
    void retentionDeletesFromTheIndexToo() throws Exception {
        // Each record {"message":"rN"} is 16 bytes: 96 bytes keep the newest six of ten.
        String body = IntStream.range(0, 10)
                .mapToObj(i -> "{\"message\":\"r" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        try (LocalIntake intake = LocalIntake.start(
                LocalIntakeOptions.builder(directory).port(0).maxStoredBytes(96).build())) {
            IntakeClient client = new IntakeClient(intake);
            assertThat(client.postLogs(body).statusCode()).isEqualTo(202);
            await().atMost(DEADLINE).until(() -> intake.status().recordsExpired() == 4);
            await().atMost(DEADLINE).until(() -> indexed(intake) == 6);
            assertThat(client.get("/api/search?query=r0").body()).contains("\"total\":0");
            assertThat(client.get("/api/search?query=r9").body()).contains("\"total\":1");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void replace(Path target, Path source) throws IOException {
        deleteTree(target);
        copy(source, target);
        deleteTree(source);
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }
}
