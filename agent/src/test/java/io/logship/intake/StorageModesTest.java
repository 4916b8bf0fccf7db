package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discard mode, restart durability and start-up failures: each test starts its own intake. */
class StorageModesTest {
    @TempDir
    Path directory;

    private static LocalIntake start(LocalIntakeOptions.Builder options) throws IOException {
        return LocalIntake.start(options.port(0).build());
    }

    @Test
    void discardModeCountsButStoresNothing() throws IOException {
        try (LocalIntake intake =
                start(LocalIntakeOptions.builder(directory).mode(LocalIntakeOptions.StorageMode.DISCARD))) {
            IntakeClient client = new IntakeClient(intake);

            HttpResponse<String> ok = client.postLogs(
                    "/api/v2/logs",
                    IntakeClient.zstd(IntakeClient.utf8("[{\"message\":\"a\"},{\"message\":\"b\",\"x\":[{}]}]")),
                    "zstd",
                    null);
            HttpResponse<String> bad = client.postLogs("[{\"message\":\"a\"},\"b\"]");

            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(intake.recordsAccepted()).isEqualTo(2);
            assertThat(intake.count(RecordQuery.all())).isZero();
            assertThat(client.get("/api/stats").body()).startsWith("{\"mode\":\"discard\",\"records_accepted\":2,");
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDirectory() throws IOException {
        try (LocalIntake first = start(LocalIntakeOptions.builder(directory))) {
            HttpResponse<String> response = new IntakeClient(first)
                    .postLogs("[{\"message\":\"before restart\",\"service\":\"s\",\"timestamp\":1234}]");
            assertThat(response.statusCode()).isEqualTo(202);
        }

        try (LocalIntake second = start(LocalIntakeOptions.builder(directory))) {
            List<StoredRecord> records = second.query(RecordQuery.all());
            new IntakeClient(second).postLogs("[{\"message\":\"after restart\"}]");

            assertThat(records).hasSize(1);
            assertThat(records.get(0).message()).isEqualTo("before restart");
            assertThat(records.get(0).timestamp().toEpochMilli()).isEqualTo(1234);
            assertThat(records.get(0).json())
                    .isEqualTo("{\"message\":\"before restart\",\"service\":\"s\",\"timestamp\":1234}");
            assertThat(second.query(RecordQuery.all()))
                    .extracting(StoredRecord::message)
                    .containsExactly("after restart", "before restart");
            assertThat(second.query(RecordQuery.all()).get(0).id())
                    .isGreaterThan(records.get(0).id());
        }
    }

    @Test
    void refusesASecondIntakeOnABusyPort() throws IOException {
        try (LocalIntake first = start(LocalIntakeOptions.builder(directory.resolve("a")))) {
            LocalIntakeOptions clash = LocalIntakeOptions.builder(directory.resolve("b"))
                    .port(first.port())
                    .build();

            assertThatThrownBy(() -> LocalIntake.start(clash))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + ": ");
            assertThat(new IntakeClient(first).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesASecondIntakeOnTheSameDirectory() throws IOException {
        try (LocalIntake first = start(LocalIntakeOptions.builder(directory))) {
            assertThatThrownBy(() -> start(LocalIntakeOptions.builder(directory)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot open the intake database in " + directory);
            assertThat(first.count(RecordQuery.all())).isZero();
        }
    }

    @Test
    void storesAMessageOverTwoMegabytes() throws IOException {
        try (LocalIntake intake = start(LocalIntakeOptions.builder(directory))) {
            String big = "y".repeat(2_500_000);

            HttpResponse<String> response = new IntakeClient(intake)
                    .postLogs(
                            "/api/v2/logs",
                            IntakeClient.gzip(IntakeClient.utf8("[{\"message\":\"" + big + "\"}]")),
                            "gzip",
                            null);

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(intake.query(RecordQuery.all()).get(0).message()).hasSize(2_500_000);
        }
    }

    @Test
    void storesARequestLargerThanOneInsertStatementInOrder() throws IOException {
        int records = IntakeStore.ROWS_PER_STATEMENT * 2 + 7;
        try (LocalIntake intake = start(LocalIntakeOptions.builder(directory))) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < records; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("{\"message\":\"m")
                        .append(i)
                        .append("\",\"service\":\"s")
                        .append(i % 3)
                        .append("\"}");
            }

            HttpResponse<String> response =
                    new IntakeClient(intake).postLogs(body.append(']').toString());

            assertThat(response.statusCode()).isEqualTo(202);
            List<StoredRecord> stored = intake.query(RecordQuery.all().withLimit(records));
            assertThat(stored).hasSize(records);
            assertThat(stored.get(0).message()).isEqualTo("m" + (records - 1));
            assertThat(stored.get(records - 1).message()).isEqualTo("m0");
            assertThat(stored.get(records - 1).service()).isEqualTo("s0");
            assertThat(intake.count(RecordQuery.all().withService("s1"))).isEqualTo(records / 3);
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        LocalIntake intake = start(LocalIntakeOptions.builder(directory));

        intake.close();
        intake.close();

        assertThatThrownBy(() -> intake.query(RecordQuery.all())).isInstanceOf(IntakeStoreException.class);
    }
}
