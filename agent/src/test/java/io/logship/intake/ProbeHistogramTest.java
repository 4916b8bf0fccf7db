package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeHistogramTest {
    private static DecodedBody body(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new DecodedBody(bytes, bytes.length);
    }

    @Test
    void bucketsAreContiguousAndWithinThreePercent() {
        for (long v = 0; v < 5_000_000; v += 1 + v / 50) {
            int bucket = ProbeHistogram.bucketOf(v);
            assertThat(ProbeHistogram.lowerBound(bucket)).isLessThanOrEqualTo(v);
            assertThat(ProbeHistogram.lowerBound(bucket + 1)).isGreaterThan(v);
            assertThat(v - ProbeHistogram.lowerBound(bucket)).isLessThanOrEqualTo(Math.max(0, v / 32));
        }
    }

    @Test
    void percentilesOfAKnownSpread() {
        ProbeHistogram histogram = new ProbeHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.record(ms * 1_000L);
        }

        ProbeHistogram.Summary summary = histogram.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Micros()).isBetween(48_500L, 50_000L);
        assertThat(summary.p99Micros()).isBetween(96_000L, 99_000L);
        assertThat(summary.maxMicros()).isBetween(97_000L, 100_000L);
        histogram.reset();
        assertThat(histogram.summary()).isEqualTo(new ProbeHistogram.Summary(0, 0, 0, 0));
    }

    @Test
    void negativeAndHugeDelaysAreClampedNotLost() {
        ProbeHistogram histogram = new ProbeHistogram();
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);

        assertThat(histogram.summary().count()).isEqualTo(2);
        assertThat(histogram.summary().p50Micros()).isZero();
    }

    @Test
    void countingFindsOnlyTopLevelIntegerProbes() throws IntakeException {
        ProbeHistogram histogram = new ProbeHistogram();
        String json = "[{\"probe_us\":1000,\"message\":\"a\"},{\"a\":{\"probe_us\":1}},{\"probe_us\":\"1\"},"
                + "{\"x\":[1,{\"y\":2}],\"probe_us\":2000},{\"probe_us\":1e3},{\"probe_us\":123456789012345678901234}]";

        int count = new LogArrayParser().count(body(json), histogram, 3_000);

        assertThat(count).isEqualTo(6);
        ProbeHistogram.Summary summary = histogram.summary();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.maxMicros()).isBetween(1_984L, 2_000L);
    }

    @Test
    void countingWithProbesStillRejectsMalformedBodies() {
        ProbeHistogram histogram = new ProbeHistogram();
        LogArrayParser parser = new LogArrayParser();

        assertThatThrownBy(() -> parser.count(body("[{\"probe_us\":1,}]"), histogram, 5))
                .isInstanceOf(IntakeException.class);
        assertThatThrownBy(() -> parser.count(body("[{\"probe_us\":1},2]"), histogram, 5))
                .isInstanceOf(IntakeException.class)
                .hasMessageContaining("array element 1");
    }

    @Test
    void discardModeReportsProbesAndDeleteResetsThem(@TempDir Path dir) throws Exception {
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir)
                .port(0)
                .mode(LocalIntakeOptions.StorageMode.DISCARD)
                .build())) {
            IntakeClient client = new IntakeClient(intake);
            long now = System.currentTimeMillis() * 1000;
            client.postLogs("[{\"probe_us\":" + now + "},{\"message\":\"no probe\"}]");

            HttpResponse<String> stats = client.get("/api/stats");
            HttpResponse<String> reset = client.method("DELETE", "/api/stats");

            assertThat(stats.body()).contains("\"records_accepted\":2,").contains("\"probe\":{\"count\":1,");
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(reset.body()).contains("\"records_accepted\":0,").contains("\"probe\":{\"count\":0,");
            assertThat(intake.recordsAccepted()).isZero();
        }
    }
}
