package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnobsTest extends IntakeTestBase {
    private static final String BODY = "[{\"message\":\"m\"}]";

    /** Knobs on: this class arms them. */
    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).knobs(true);
    }

    @Test
    void failsTheNextNRequestsWithRetryAfterThenRecovers() {
        intake.knobs().failNext(2, 429, Optional.of(Duration.ofSeconds(2)));

        HttpResponse<String> first = client.postLogs(BODY);
        HttpResponse<String> second = client.postLogs(BODY);
        HttpResponse<String> third = client.postLogs(BODY);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(202);
        assertThat(third.headers().firstValue("Retry-After")).isEmpty();
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
        assertThat(intake.routeStats().get("/api/v2/logs"))
                .containsEntry(429, 2L)
                .containsEntry(202, 1L);
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsAndOmitsItWhenAbsent() {
        intake.knobs().failNext(1, 503, Optional.of(Duration.ofMillis(1500)));
        HttpResponse<String> rounded = client.postLogs(BODY);
        intake.knobs().failNext(1, 500, Optional.empty());
        HttpResponse<String> without = client.postLogs(BODY);

        assertThat(rounded.statusCode()).isEqualTo(503);
        assertThat(rounded.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(without.statusCode()).isEqualTo(500);
        assertThat(without.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void delaysTheAnswer() {
        intake.knobs().delay(Duration.ofMillis(400));

        long start = System.nanoTime();
        HttpResponse<String> response = client.postLogs(BODY);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    }

    @Test
    void doesNotDelayQueries() {
        intake.knobs().delay(Duration.ofSeconds(30));

        HttpResponse<String> response = client.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clearRemovesFailuresAndDelay() {
        intake.knobs().failNext(5, 503, Optional.empty());
        intake.knobs().delay(Duration.ofSeconds(30));

        intake.knobs().clear();
        HttpResponse<String> response = client.postLogs(BODY);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.knobs().remainingFailures()).isZero();
        assertThat(intake.knobs().currentDelay()).isZero();
    }

    @Test
    void knobRoutesArmAndClearOverHttp() {
        HttpResponse<String> armed = client.post("/_knobs/fail", "{\"count\":1,\"status\":429,\"retry_after\":\"3\"}");
        HttpResponse<String> failed = client.postLogs(BODY);
        HttpResponse<String> delayed = client.post("/_knobs/delay", "{\"millis\":250}");
        HttpResponse<String> cleared = client.post("/_knobs/clear", "");

        assertThat(armed.statusCode()).isEqualTo(200);
        assertThat(armed.body()).isEqualTo("{\"fail_remaining\":1,\"delay_millis\":0}");
        assertThat(failed.statusCode()).isEqualTo(429);
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(delayed.body()).isEqualTo("{\"fail_remaining\":0,\"delay_millis\":250}");
        assertThat(cleared.body()).isEqualTo("{\"fail_remaining\":0,\"delay_millis\":0}");
        assertThat(client.get("/_knobs").body()).isEqualTo("{\"fail_remaining\":0,\"delay_millis\":0}");
    }

    @Test
    void acceptsRetryAfterAsANumber() {
        client.post("/_knobs/fail", "{\"count\":1,\"status\":503,\"retry_after\":5}");

        assertThat(client.postLogs(BODY).headers().firstValue("Retry-After")).hasValue("5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/_knobs/fail  | [1]                            | knob body must be a JSON object",
                "/_knobs/fail  | {\"count\":                    | knob body is not valid JSON",
                "/_knobs/fail  | {\"count\":1,\"color\":\"red\"} | unknown field 'color'",
                "/_knobs/fail  | {\"count\":\"many\"}           | field 'count' must be an integer: 'many'",
                "/_knobs/fail  | {\"count\":1,\"status\":700}   | status must be between 200 and 599: 700",
                "/_knobs/fail  | {\"count\":-1}                 | count must be between 0 and 1000000: -1",
                "/_knobs/fail  | {\"retry_after\":\"soon\"}     | field 'retry_after' must be an integer: 'soon'",
                "/_knobs/fail  | {\"retry_after\":-2}           | retryAfter must not be negative: PT-2S",
                "/_knobs/fail  | {\"count\":{\"a\":1}}          | field 'count' must be a number or a string",
                "/_knobs/delay | {}                             | field 'millis' is required",
                "/_knobs/delay | {\"millis\":-5}                | delay must be between 0 and 120000 ms: -5 ms",
            })
    void refusesBadKnobBodiesWith400(String path, String body, String message) {
        HttpResponse<String> response = client.post(path, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(message);
        assertThat(intake.knobs().remainingFailures()).isZero();
    }

    @Test
    void rejectsImpossibleValuesInTheJavaApi() {
        assertThatThrownBy(() -> intake.knobs().failNext(1, 99, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status must be between 200 and 599: 99");
        assertThatThrownBy(() -> intake.knobs().delay(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be between 0 and 120000 ms: 3600000 ms");
    }
}
