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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
            assertThat(client.get("/api/summary").body())
                    .contains("\"stored_records\":0,\"stored_bytes\":0,\"expired_records\":3");
        }
    }

    @ParameterizedTest(name = "max_bytes {0} keeps {1} records")
    @CsvSource({"100, 6", "96, 6", "95, 5"})
    void deletesOldestRecordsWhileStoredBytesAreAboveMaxBytes(long maxBytes, int kept) throws IOException {
        // Each record {"message":"rN"} is 16 bytes: ten are 160; six (96 bytes) fit under 100 and exactly at 96.
        String body = IntStream.range(0, 10)
                .mapToObj(i -> "{\"message\":\"r" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        try (LocalIntake intake = start(LocalIntakeOptions.builder(directory).maxStoredBytes(maxBytes))) {
            IntakeClient client = new IntakeClient(intake);

            int status = client.postLogs(body).statusCode();

            assertThat(status).isEqualTo(202);
            await().atMost(DEADLINE).until(() -> intake.status().recordsExpired() == 10 - kept);
            List<String> messages = intake.query(RecordQuery.all()).stream()
                    .map(StoredRecord::message)
                    .toList();
            List<String> newest =
                    IntStream.range(0, kept).mapToObj(i -> "r" + (9 - i)).toList();
            assertThat(messages).isEqualTo(newest);
            assertThat(intake.status().storedBytes()).isEqualTo(16L * kept);
            assertThat(client.get("/api/stats").body())
                    .contains("\"records_stored\":" + kept + ",\"stored_bytes\":" + 16 * kept + ",\"records_expired\":"
                            + (10 - kept));
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
