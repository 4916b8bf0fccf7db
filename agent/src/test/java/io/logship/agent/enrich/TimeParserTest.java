package io.logship.agent.enrich;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-27T12:00:00Z|2026-11-27T12:00:00Z",
                "2026-11-27T12:00:00.123Z|2026-11-27T12:00:00.123Z",
                "2026-11-27T12:00:00.123456789Z|2026-11-27T12:00:00.123Z",
                "2026-11-27T14:00:00.5+02:00|2026-11-27T12:00:00.500Z",
                "2026-11-27T14:00:00+0200|2026-11-27T12:00:00Z",
                "2026-11-27T14:00:00+02|2026-11-27T12:00:00Z",
                "2026-11-27T07:00:00-05:00|2026-11-27T12:00:00Z",
                "2026-11-27 12:00:00,123|2026-11-27T12:00:00.123Z",
                "2026-11-27 12:00:00|2026-11-27T12:00:00Z",
                "2026-11-27T12:00|2026-11-27T12:00:00Z",
                "2026-11-27t12:00:00z|2026-11-27T12:00:00Z",
                "2024-02-29T00:00:00Z|2024-02-29T00:00:00Z",
                "2016-12-31T23:59:60Z|2016-12-31T23:59:59Z",
                "1970-01-01T00:00:00Z|1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z|1969-12-31T23:59:59Z",
                "1795780800|2026-11-27T12:00:00Z",
                "1795780800.123456|2026-11-27T12:00:00.123Z",
                "1795780800123|2026-11-27T12:00:00.123Z",
                "1795780800123.9|2026-11-27T12:00:00.123Z",
                "1795780800123456|2026-11-27T12:00:00.123Z",
                "1795780800123456789|2026-11-27T12:00:00.123Z",
                " 1795780800 |2026-11-27T12:00:00Z",
            })
    void readsIsoAndEpochTimes(String text, String expected) {
        assertThat(parse(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "now",
                "yesterday",
                "-1795780800",
                "+1795780800",
                "1.7e9",
                "1795780800.",
                ".5",
                "0x1F",
                "17957808001234567890",
                "99999999999999999999999999",
                "1795780800,5",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-11-27T24:00:00Z",
                "2026-11-27T12:60:00Z",
                "2026-11-27T12:00:61Z",
                "2026-11-27T12:00:00+19:00",
                "2026-11-27T12:00:00+02:60",
                "2026-11-27T12:00:00ZZ",
                "2026-11-27T12:00:00 UTC",
                "2026-11-27",
                "2026-11-27T",
                "2026/11/27 12:00:00",
                "27-11-2026 12:00:00",
                "2026-11-27T12:00:00.Z",
                "Nov 27 12:00:00",
                "2026-1a-27T12:00:00Z",
                "2026-11-27T12:00:00+",
                "2026-11-27X12:00:00Z"
            })
    void garbageIsNoTime(String text) {
        assertThat(parse(text)).isEqualTo(TimeParser.NONE);
    }

    @Test
    void agreesWithJavaTimeOnRandomDateTimes() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong() % 8_000_000_000L + 1_000_000_000L; // years ~1900..2250
            int millis = random.nextInt(1000);
            LocalDateTime utc = LocalDateTime.ofEpochSecond(seconds, millis * 1_000_000, ZoneOffset.UTC);
            int offsetMinutes = (random.nextInt(49) - 24) * 30;
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            String text =
                    utc.atOffset(ZoneOffset.UTC).withOffsetSameInstant(zone).toString();

            assertThat(parse(text)).as(text).isEqualTo(seconds * 1000 + millis);
        }
    }

    private static long parse(String text) {
        byte[] b = ("xx" + text + "yy").getBytes(UTF_8); // not at the array's start or end
        return TimeParser.parse(b, 2, b.length - 4);
    }
}
