package io.logship.agent.destinations.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    /** Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date. */
    private static final Instant NOW = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void deltaSecondsIsTheDelay() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("007", NOW)).contains(Duration.ofSeconds(7));
    }

    @Test
    void hugeDeltaSecondsSaturateInsteadOfOverflowing() {
        assertThat(RetryAfter.parse("99999999999999999999999999", NOW))
                .contains(Duration.ofSeconds(RetryAfter.MAX_DELTA_SECONDS));
    }

    @Test
    void anImfFixdateInTheFutureIsTheTimeUntilIt() {
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:51:07 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Mon, 07 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ofDays(1));
    }

    @Test
    void aDateThatHasPassedMeansNow() {
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sat, 05 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "-5",
                "+5",
                "1.5",
                "5s",
                "12 34",
                "soon",
                "\u0661\u0662",
                "Sun, 31 Nov 1994 08:49:37 GMT", // no 31 November
                "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850 form
                "Sun Nov  6 08:49:37 1994"
            }) // obsolete asctime form
    void garbageNegativeAndObsoleteFormsAreEmpty(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isEmpty();
    }

    @Test
    void anAbsentHeaderIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void nowIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> RetryAfter.parse("1", null))
                .withMessage("now");
    }
}
