package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestValidationTest extends IntakeTestBase {
    /** A small limit keeps the limit tests fast; the 5 MB default is tested in {@link LocalIntakeOptionsTest}. */
    private static final int LIMIT = 1000;

    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).maxBodyBytes(LIMIT);
    }

    /** A valid body of exactly {@code size} bytes. */
    private static String bodyOfSize(int size) {
        String prefix = "[{\"message\":\"";
        String suffix = "\"}]";
        return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON at all               | nope                    | malformed JSON: Unrecognized token 'nope'",
                "an object instead of an array | {\"message\":\"x\"}    | body is not a JSON array: it starts with an object",
                "a string                      | \"x\"                   | body is not a JSON array: it starts with a string",
                "an array of strings           | [\"a\",\"b\"]           | array element 0 is a string: expected a JSON object",
                "a nested array                | [{},[1]]                | array element 1 is an array: expected a JSON object",
                "an unclosed array             | [{\"message\":\"x\"}    | malformed JSON: Unexpected end-of-input",
                "trailing content              | [{}] [{}]               | malformed JSON: unexpected an array after the array",
                "a broken object               | [{\"message\":}]        | malformed JSON: Unexpected character ('}'",
            })
    void refusesBadPayloadWith400(String what, String body, String message) {
        HttpResponse<String> response = client.postLogs(body);

        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).as(what).startsWith("{\"errors\":[\"" + message.replace("\"", "\\\""));
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesEmptyBodyWith400() {
        HttpResponse<String> response = client.postLogs("");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"body is empty: expected a JSON array of objects\"]}");
    }

    @Test
    void acceptsEmptyArray() {
        HttpResponse<String> response = client.postLogs("[]");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void storesNothingOfARequestWithOneBadElement() {
        HttpResponse<String> response = client.postLogs("[{\"message\":\"ok\"},42]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void acceptsBodyExactlyAtTheLimit() {
        HttpResponse<String> response = client.postLogs(bodyOfSize(LIMIT));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(1);
    }

    @Test
    void refusesBodyOneByteOverTheLimitWith413() {
        HttpResponse<String> response = client.postLogs(bodyOfSize(LIMIT + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .isEqualTo("{\"errors\":[\"payload too large: 1001 bytes uncompressed, " + "limit is 1000 bytes\"]}");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void appliesTheLimitToTheUncompressedSize() {
        byte[] atLimit = IntakeClient.gzip(IntakeClient.utf8(bodyOfSize(LIMIT)));
        byte[] overLimit = IntakeClient.zstd(IntakeClient.utf8(bodyOfSize(LIMIT + 1)));

        HttpResponse<String> accepted = client.postLogs("/api/v2/logs", atLimit, "gzip", null);
        HttpResponse<String> refused = client.postLogs("/api/v2/logs", overLimit, "zstd", null);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("payload too large: 1001 bytes uncompressed, limit is 1000 bytes");
    }

    @Test
    void stopsInflatingAZipBombAtTheLimit() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                gzip.write(zeros); // 16 MiB of zeros, about 16 KiB compressed
            }
        }

        HttpResponse<String> response = client.postLogs("/api/v2/logs", bomb.toByteArray(), "gzip", null);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void refusesBodyOverTheTransportLimitWith413AndStaysUp() {
        byte[] huge = IntakeClient.utf8(bodyOfSize(200_000));

        HttpResponse<String> response = client.postLogs("/api/v2/logs", huge, null, null);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(intake.routeStats().get("/api/v2/logs")).containsEntry(413, 1L);
        assertThat(client.postLogs("[{}]").statusCode()).isEqualTo(202);
    }

    @Test
    void answersUnknownRouteWith404() {
        HttpResponse<String> response = client.postLogs("/api/v3/logs", IntakeClient.utf8("[]"), null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"no route for /api/v3/logs\"]}");
        assertThat(intake.routeStats().get(RouteStats.OTHER_ROUTE)).containsEntry(404, 1L);
    }

    @Test
    void answersWrongMethodWith405AndAllow() {
        HttpResponse<String> response = client.get("/api/v2/logs");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).isEqualTo("{\"errors\":[\"method GET not allowed on /api/v2/logs\"]}");
    }

    @Test
    void keepsServingAfterManyBadRequestsOnOneConnection() {
        for (int i = 0; i < 50; i++) {
            assertThat(client.postLogs("[{").statusCode()).isEqualTo(400);
        }

        assertThat(client.postLogs("[{\"message\":\"after\"}]").statusCode()).isEqualTo(202);
        assertThat(intake.routeStats().get("/api/v2/logs"))
                .containsEntry(400, 50L)
                .containsEntry(202, 1L);
    }
}
