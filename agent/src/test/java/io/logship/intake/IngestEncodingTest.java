package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestEncodingTest extends IntakeTestBase {
    private static final String BODY = "[{\"message\":\"hello é\",\"status\":\"info\",\"service\":\"svc\","
            + "\"hostname\":\"h1\",\"ddsource\":\"java\",\"ddtags\":\"env:dev,team:x\",\"timestamp\":1701874333582,"
            + "\"extra\":{\"nested\":[1,2]}},{\"message\":\"second\",\"service\":\"svc\"}]";

    private static byte[] encode(String encoding, byte[] data) {
        switch (encoding) {
            case "gzip":
                return IntakeClient.gzip(data);
            case "deflate":
                return IntakeClient.deflate(data, false);
            case "zstd":
                return IntakeClient.zstd(data);
            default:
                return data;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "zstd", "identity", "none", "GZIP"})
    void acceptsAndStoresEachEncoding(String encoding) {
        byte[] body = encode(encoding.toLowerCase(Locale.ROOT), IntakeClient.utf8(BODY));

        HttpResponse<String> response = client.postLogs("/api/v2/logs", body, encoding, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{}");
        List<StoredRecord> records = intake.query(RecordQuery.all());
        assertThat(records).hasSize(2);
        StoredRecord first = records.get(1);
        assertThat(first.message()).isEqualTo("hello é");
        assertThat(first.status()).isEqualTo("info");
        assertThat(first.service()).isEqualTo("svc");
        assertThat(first.hostname()).isEqualTo("h1");
        assertThat(first.ddsource()).isEqualTo("java");
        assertThat(first.ddtags()).isEqualTo("env:dev,team:x");
        assertThat(first.timestamp().toEpochMilli()).isEqualTo(1701874333582L);
        assertThat(first.route()).isEqualTo("/api/v2/logs");
        assertThat(first.json()).isEqualTo(BODY.substring(1, BODY.indexOf("},{") + 1));
        assertThat(records.get(0).json()).isEqualTo("{\"message\":\"second\",\"service\":\"svc\"}");
    }

    @Test
    void acceptsNoContentEncodingHeader() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", IntakeClient.utf8(BODY), null, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(2);
    }

    @Test
    void acceptsRawDeflateToo() {
        byte[] body = IntakeClient.deflate(IntakeClient.utf8(BODY), true);

        HttpResponse<String> response = client.postLogs("/api/v2/logs", body, "deflate", null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.count(RecordQuery.all())).isEqualTo(2);
    }

    @Test
    void acceptsTheV1Route() {
        HttpResponse<String> response =
                client.postLogs("/v1/input", IntakeClient.gzip(IntakeClient.utf8(BODY)), "gzip", null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(intake.query(RecordQuery.all()))
                .extracting(StoredRecord::route)
                .containsOnly("/v1/input");
    }

    @Test
    void refusesUnknownEncodingWith415() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", IntakeClient.utf8(BODY), "br", null);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body())
                .isEqualTo(
                        "{\"errors\":[\"unsupported Content-Encoding 'br': expected gzip, deflate, zstd or identity\"]}");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesTruncatedGzipWith400() {
        byte[] gzip = IntakeClient.gzip(IntakeClient.utf8(BODY));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length - 12);

        HttpResponse<String> response = client.postLogs("/api/v2/logs", truncated, "gzip", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("gzip body is truncated");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesGzipHeaderOnPlainBodyWith400() {
        HttpResponse<String> response = client.postLogs("/api/v2/logs", IntakeClient.utf8(BODY), "gzip", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("gzip body is corrupt");
    }

    @Test
    void refusesTruncatedZstdWith400() {
        byte[] zstd = IntakeClient.zstd(IntakeClient.utf8(BODY));
        byte[] truncated = Arrays.copyOf(zstd, zstd.length / 2);

        HttpResponse<String> response = client.postLogs("/api/v2/logs", truncated, "zstd", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("zstd body");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void refusesCorruptDeflateWith400() {
        byte[] deflate = IntakeClient.deflate(IntakeClient.utf8(BODY), false);
        deflate[deflate.length / 2] ^= 0x55;
        deflate[deflate.length / 2 + 1] ^= 0x55;

        HttpResponse<String> response = client.postLogs("/api/v2/logs", deflate, "deflate", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("deflate body");
    }
}
