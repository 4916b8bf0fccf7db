package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention: {@code max_age} and {@code max_bytes} delete the oldest records first, and the counts show it. */
class RetentionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private LocalIntake start(LocalIntakeOptions.Builder options) throws IOException {
        return LocalIntake.start(options.port(0).build());
    }

    @Test
    void deletesRecordsOlderThanMaxAgeAndCountsThem() throws IOException {
        try (LocalIntake intake = start(LocalIntakeOptions.builder(directory).maxAge(Duration.ofMillis(100)))) {
            IntakeClient client = new IntakeClient(intake);

            int status = client.postLogs("[{\"message\":\"a\"},{\"message\":\"b\"},{\"message\":\"c\"}]")
                    .statusCode();

            assertThat(status).isEqualTo(202);
            await().atMost(DEADLINE).until(() -> intake.status().recordsExpired() == 3);
            assertThat(intake.count(RecordQuery.all())).isZero();
            assertThat(intake.status().storedBytes()).isZero();
            assertThat(client.get("/api/stats").body())
                    .contains("\"records_stored\":0,\"stored_bytes\":0,\"records_expired\":3");
            assertThat(client.get("/").body()).contains("0 stored (0 bytes), 3 expired by retention.");
        }
    }

    @Test
    void deletesOldestRecordsWhileStoredBytesAreAboveMaxBytes() throws IOException {
        // Each record {"message":"rN"} is 16 bytes: ten are 160, so the six newest (96 bytes) fit under 100.
        String body = IntStream.range(0, 10)
                .mapToObj(i -> "{\"message\":\"r" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        try (LocalIntake intake = start(LocalIntakeOptions.builder(directory).maxStoredBytes(100))) {
            IntakeClient client = new IntakeClient(intake);

            int status = client.postLogs(body).statusCode();

            assertThat(status).isEqualTo(202);
            await().atMost(DEADLINE).until(() -> intake.status().recordsExpired() == 4);
            List<String> kept = intake.query(RecordQuery.all()).stream()
                    .map(StoredRecord::message)
                    .toList();
            assertThat(kept).containsExactly("r9", "r8", "r7", "r6", "r5", "r4");
            assertThat(intake.status().storedBytes()).isEqualTo(96);
            assertThat(client.get("/api/stats").body())
                    .contains("\"records_stored\":6,\"stored_bytes\":96,\"records_expired\":4");
        }
    }

    @Test
    void storedBytesAreTheRecordsUtf8JsonBytesAlsoAfterARestart() throws IOException {
        String body = "[{\"message\":\"grüße ☃\"},{\"message\":\"x\"}]";
        long expected = "{\"message\":\"grüße ☃\"}".getBytes(StandardCharsets.UTF_8).length
                + "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8).length;
        try (LocalIntake first = start(LocalIntakeOptions.builder(directory))) {
            assertThat(new IntakeClient(first).postLogs(body).statusCode()).isEqualTo(202);
            assertThat(first.status().storedBytes()).isEqualTo(expected);
        }

        try (LocalIntake second = start(LocalIntakeOptions.builder(directory))) {
            assertThat(second.status().storedBytes()).isEqualTo(expected);
            assertThat(second.status().recordsExpired()).isZero();
        }
    }

    @Test
    void rejectsImpossibleLimits() {
        LocalIntakeOptions.Builder options = LocalIntakeOptions.builder(directory);

        assertThatThrownBy(() -> options.maxStoredBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxStoredBytes must be > 0: 0");
        assertThatThrownBy(() -> options.maxStoredBytes(1).maxAge(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAge must be > 0: PT0S");
    }
}
