package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With the default options the control routes do not exist: 404, nothing armed, nothing deleted. */
class ControlRoutesOffTest extends IntakeTestBase {

    @ParameterizedTest
    @CsvSource({
        "GET, /_knobs",
        "POST, /_knobs/fail",
        "POST, /_knobs/delay",
        "POST, /_knobs/clear",
        "DELETE, /api/records"
    })
    void answers404(String method, String path) {
        assertThat(client.postLogs("[{\"message\":\"kept\"}]").statusCode()).isEqualTo(202);

        HttpResponse<String> answer =
                method.equals("POST") ? client.post(path, "{\"count\":5,\"status\":400}") : client.method(method, path);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("control routes are off (start the intake with --knobs)");
        assertThat(client.postLogs("[{\"message\":\"after\"}]").statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(2);
        assertThat(intake.routeStats().get(path)).containsEntry(404, 1L);
    }

    @Test
    void keepsQueriesOn() {
        assertThat(client.get("/api/records").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/count").statusCode()).isEqualTo(200);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheJavaKnobsToo() {
        assertThatThrownBy(() -> intake.knobs())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the intake's knobs are off: start it with LocalIntakeOptions.builder(..).knobs(true) "
                        + "(or --knobs on the command line)");
    }
}
