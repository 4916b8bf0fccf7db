package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApiKeyTest extends IntakeTestBase {
    private static final String KEY = "s3cret-key-0123456789";
    private static final byte[] BODY = IntakeClient.utf8("[{\"message\":\"m\"}]");

    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).requiredApiKey(KEY);
    }

    @Test
    void acceptsTheRightKey() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", BODY, null, KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void refusesAMissingKeyWith401() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", BODY, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"missing DD-API-KEY header\"]}");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesAWrongKeyWith403WithoutEchoingEitherKey() {
        HttpResponse<String> response = client.postLogs("/v1/input", BODY, null, "wrong-key");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"invalid API key\"]}");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesAKeyThatIsOnlyAPrefix() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", BODY, null, KEY.substring(0, 5));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void neverShowsTheKeyInOptionsOrTheStartupLine() {
        assertThat(intake.options().toString()).doesNotContain(KEY).contains("requiredApiKey=<set>");
        assertThat(LocalIntakeMain.describe(intake))
                .doesNotContain(KEY)
                .startsWith("logship local intake listening on " + intake.logsUrl() + " (page: " + intake.baseUrl()
                        + "/, data: " + dataDirectory.toAbsolutePath()
                        + ", mode: store, API key required, transport: ");
    }

    @Test
    void leavesQueriesOpenWithoutAKey() {
        assertThat(client.get("/api/stats").statusCode()).isEqualTo(200);
    }
}
