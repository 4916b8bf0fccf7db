package io.logship.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTest {
    @ParameterizedTest
    @CsvSource({
        "ERROR, ERROR",
        "error, ERROR",
        "Error, ERROR",
        "err, ERROR",
        "e, ERROR",
        "severe, ERROR",
        "WARN, WARN",
        "warning, WARN",
        "Warning, WARN",
        "w, WARN",
        "FATAL, EMERGENCY",
        "fatal, EMERGENCY",
        "emerg, EMERGENCY",
        "emergency, EMERGENCY",
        "panic, EMERGENCY",
        "CRITICAL, CRITICAL",
        "crit, CRITICAL",
        "dpanic, CRITICAL",
        "alert, ALERT",
        "notice, NOTICE",
        "INFO, INFO",
        "info, INFO",
        "Information, INFO",
        "informational, INFO",
        "DEBUG, DEBUG",
        "TRACE, DEBUG",
        "verbose, DEBUG",
        "fine, DEBUG",
        "finest, DEBUG",
        "ok, OK",
        "success, OK",
        "0, EMERGENCY",
        "1, ALERT",
        "2, CRITICAL",
        "3, ERROR",
        "4, WARN",
        "5, NOTICE",
        "6, INFO",
        "7, DEBUG",
        "10, DEBUG",
        "20, DEBUG",
        "30, INFO",
        "40, WARN",
        "50, ERROR",
        "60, EMERGENCY",
    })
    void levelWordsAndNumbersMapToDatadogsVocabulary(String value, Status expected) {
        assertThat(Status.ofWord(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "garbage",
                "bogus",
                "8",
                "9",
                "70",
                "100",
                "-1",
                "3.0",
                "1e1",
                "errors",
                "warnings!",
                "info2",
                "99999999999999999999",
                "ERRORERRORERRORERROR",
                "é",
                "\u0000"
            })
    void unknownValuesAreNull(String value) {
        assertThat(Status.ofWord(value)).isNull();
    }

    @Test
    void absurdNumbersAreNoLevel() {
        assertThat(Status.ofNumber(Long.MAX_VALUE)).isNull();
        assertThat(Status.ofNumber(Long.MIN_VALUE)).isNull();
        assertThat(Status.ofNumber(-7)).isNull();
        assertThat(Status.ofNumber(70)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "ERROR, ERROR",
        "[ERROR], ",
        "warn, WARN",
        "WRN, WARN",
        "INF, INFO",
        "Errors, ",
        "e, ",
        "a, ",
        "information, INFO",
        "crit, CRITICAL",
        "emerg, EMERGENCY"
    })
    void wholeWordsOnlyForPlainText(String value, Status expected) {
        byte[] b = value.getBytes(UTF_8);

        assertThat(Status.ofWord(b, 0, b.length, false)).isEqualTo(expected);
    }

    @Test
    void logbackLevelsUseTheSameVocabulary() {
        assertThat(Status.ofLevelName("TRACE").wireName()).isEqualTo("debug");
        assertThat(Status.ofLevelName("DEBUG").wireName()).isEqualTo("debug");
        assertThat(Status.ofLevelName("INFO").wireName()).isEqualTo("info");
        assertThat(Status.ofLevelName("WARN").wireName()).isEqualTo("warn");
        assertThat(Status.ofLevelName("ERROR").wireName()).isEqualTo("error");
        assertThat(Status.ofLevelName("OFF")).isEqualTo(Status.DEFAULT);
        assertThat(Status.ofLevelName(null)).isEqualTo(Status.DEFAULT);
    }

    @Test
    void wireNamesAreDatadogs() {
        assertThat(Status.values())
                .extracting(Status::wireName)
                .containsExactly("emergency", "alert", "critical", "error", "warn", "notice", "info", "debug", "ok");
        assertThat(new String(Status.ERROR.jsonBytes(), UTF_8)).isEqualTo("\"error\"");
    }
}
