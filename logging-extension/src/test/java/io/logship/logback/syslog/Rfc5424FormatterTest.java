package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class Rfc5424FormatterTest {
    private static final long TIME = Instant.parse("2026-11-25T01:02:03.456Z").toEpochMilli();
    private static final int NO_LIMIT = Integer.MAX_VALUE;

    private final Rfc5424Formatter local0 =
            new Rfc5424Formatter(Facility.LOCAL0, "web-1", "shop", "4242", null, Rfc5424Formatter.DEFAULT_SD_ID);

    private static String text(Rfc5424Formatter.Message m) {
        return new String(m.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void formatsHeaderStructuredDataAndMessage() {
        Rfc5424Formatter.Message m =
                local0.format(Severity.INFO, TIME, List.of(new KeyValuePair("user", "jd")), "hello", NO_LIMIT);

        assertThat(text(m))
                .isEqualTo("<134>1 2026-11-25T01:02:03.456Z web-1 shop 4242 - [logship@32473 user=\"jd\"] hello");
        assertThat(m.truncated()).isFalse();
    }

    @Test
    void valueWhoseToStringThrowsStillYieldsAMessage() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };

        Rfc5424Formatter.Message m =
                local0.format(Severity.INFO, TIME, List.of(new KeyValuePair("v", hostile)), "hello", NO_LIMIT);

        assertThat(text(m))
                .contains("v=\"<toString() threw java.lang.IllegalStateException>\"")
                .endsWith("] hello");
    }

    @Test
    void priIsFacilityTimesEightPlusSeverity() {
        Rfc5424Formatter kern = new Rfc5424Formatter(Facility.KERN, "h", "a", "1", null, "x@1");
        Rfc5424Formatter local7 = new Rfc5424Formatter(Facility.LOCAL7, "h", "a", "1", null, "x@1");

        assertThat(kern.pri(Severity.ERROR)).isEqualTo(3);
        assertThat(local0.pri(Severity.WARNING)).isEqualTo(132);
        assertThat(local7.pri(Severity.DEBUG)).isEqualTo(191);
        assertThat(text(local7.format(Severity.DEBUG, TIME, null, "x", NO_LIMIT)))
                .startsWith("<191>1 ");
    }

    @Test
    void severityFollowsLevel() {
        assertThat(Severity.of(Level.ERROR)).isEqualTo(3);
        assertThat(Severity.of(Level.WARN)).isEqualTo(4);
        assertThat(Severity.of(Level.INFO)).isEqualTo(6);
        assertThat(Severity.of(Level.DEBUG)).isEqualTo(7);
        assertThat(Severity.of(Level.TRACE)).isEqualTo(7);
    }

    @Test
    void emptyFieldsBecomeNilValues() {
        Rfc5424Formatter f = new Rfc5424Formatter(Facility.USER, null, "", null, "", "x@1");

        assertThat(text(f.format(Severity.INFO, TIME, List.of(), "", NO_LIMIT)))
                .isEqualTo("<14>1 2026-11-25T01:02:03.456Z - - - - -");
        assertThat(text(f.format(Severity.INFO, TIME, null, "m", NO_LIMIT)))
                .isEqualTo("<14>1 2026-11-25T01:02:03.456Z - - - - - m");
    }

    @Test
    void escapesQuoteBackslashAndBracketInParamValues() {
        List<KeyValuePair> kvs = List.of(new KeyValuePair("v", "a\"b\\c]d=e f"), new KeyValuePair("n", null));

        assertThat(text(local0.format(Severity.INFO, TIME, kvs, "m", NO_LIMIT)))
                .contains("[logship@32473 v=\"a\\\"b\\\\c\\]d=e f\" n=\"\"] m");
    }

    @Test
    void sanitisesParamNamesAndHeaderFields() {
        Rfc5424Formatter f = new Rfc5424Formatter(Facility.USER, "my host", "a".repeat(60), "1", "ID 7", "x@1");
        List<KeyValuePair> kvs =
                List.of(new KeyValuePair("a b=c]\"d", 1), new KeyValuePair("k".repeat(40), 2), new KeyValuePair("", 3));

        String s = text(f.format(Severity.INFO, TIME, kvs, "m", NO_LIMIT));

        assertThat(s).startsWith("<14>1 2026-11-25T01:02:03.456Z my_host " + "a".repeat(48) + " 1 ID_7 ");
        assertThat(s).contains("[x@1 a_b_c__d=\"1\" " + "k".repeat(32) + "=\"2\" _=\"3\"]");
    }

    @Test
    void nonAsciiMessageStartsWithBomAndAsciiDoesNot() {
        byte[] unicode = local0.format(Severity.INFO, TIME, null, "caf\u00e9 \u65e5\u672c", NO_LIMIT)
                .bytes();
        byte[] ascii =
                local0.format(Severity.INFO, TIME, null, "cafe", NO_LIMIT).bytes();

        String prefix = "<134>1 2026-11-25T01:02:03.456Z web-1 shop 4242 - - ";
        assertThat(Arrays.copyOfRange(unicode, prefix.length(), prefix.length() + 3))
                .containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(
                        unicode, prefix.length() + 3, unicode.length - prefix.length() - 3, StandardCharsets.UTF_8))
                .isEqualTo("caf\u00e9 \u65e5\u672c");
        assertThat(text(new Rfc5424Formatter.Message(ascii, false))).isEqualTo(prefix + "cafe");
    }

    @Test
    void nonAsciiParamValuesAreUtf8WithoutBom() {
        String s = text(
                local0.format(Severity.INFO, TIME, List.of(new KeyValuePair("city", "Z\u00fcrich")), "m", NO_LIMIT));

        assertThat(s).contains("city=\"Z\u00fcrich\"] m").doesNotContain("\ufeff");
    }

    @Test
    void timestampIsUtcWithMilliseconds() {
        assertThat(text(local0.format(Severity.INFO, 0L, null, "", NO_LIMIT))).contains(" 1970-01-01T00:00:00.000Z ");
        assertThat(text(local0.format(Severity.INFO, 7L, null, "", NO_LIMIT))).contains(" 1970-01-01T00:00:00.007Z ");
    }

    @Test
    void cutsMessageAtTheLimitOnACharacterBoundary() {
        String prefix = "<134>1 2026-11-25T01:02:03.456Z web-1 shop 4242 - - ";
        int limit = prefix.length() + 3 + 5; // BOM + "ab" + half of "\u00e9\u00e9" (2 bytes each)

        Rfc5424Formatter.Message m = local0.format(Severity.INFO, TIME, null, "ab\u00e9\u00e9\u00e9", limit);

        assertThat(m.truncated()).isTrue();
        assertThat(m.bytes().length).isLessThanOrEqualTo(limit);
        assertThat(text(m)).isEqualTo(prefix + "\ufeffab\u00e9");
    }

    @Test
    void messageExactlyAtTheLimitIsNotCut() {
        String prefix = "<134>1 2026-11-25T01:02:03.456Z web-1 shop 4242 - - ";

        Rfc5424Formatter.Message at = local0.format(Severity.INFO, TIME, null, "abc", prefix.length() + 3);
        Rfc5424Formatter.Message over = local0.format(Severity.INFO, TIME, null, "abcd", prefix.length() + 3);

        assertThat(at.truncated()).isFalse();
        assertThat(text(at)).isEqualTo(prefix + "abc");
        assertThat(over.truncated()).isTrue();
        assertThat(text(over)).isEqualTo(prefix + "abc");
    }

    @Test
    void dropsStructuredDataWhenItAloneExceedsTheLimit() {
        List<KeyValuePair> kvs = List.of(new KeyValuePair("big", "x".repeat(1000)));

        Rfc5424Formatter.Message m = local0.format(Severity.INFO, TIME, kvs, "hello", 600);

        assertThat(m.truncated()).isTrue();
        assertThat(text(m)).isEqualTo("<134>1 2026-11-25T01:02:03.456Z web-1 shop 4242 - - hello");
    }

    @Test
    void rejectsInvalidSdIds() {
        assertThatThrownBy(() -> Rfc5424Formatter.checkSdId("logship"))
                .hasMessage("sdId must have the form name@<private enterprise number> (RFC 5424 6.3.2): 'logship'");
        assertThatThrownBy(() -> Rfc5424Formatter.checkSdId("a b@1"))
                .hasMessage("sdId must be printable US-ASCII without '=', ']', '\"' or space: 'a b@1'");
        assertThatThrownBy(() -> Rfc5424Formatter.checkSdId("x".repeat(33)))
                .hasMessageStartingWith("sdId must be 1 to 32 characters");
        assertThat(Rfc5424Formatter.checkSdId("logship@32473")).isEqualTo("logship@32473");
    }
}
