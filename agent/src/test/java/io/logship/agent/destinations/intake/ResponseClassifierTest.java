package io.logship.agent.destinations.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseClassifierTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void everyTwoHundredIsAccepted(int status) {
        assertThat(ResponseClassifier.classify(status)).isEqualTo(Reason.ACCEPTED);
        assertThat(ResponseClassifier.classify(status).outcome()).isEqualTo(Verdict.SUCCESS);
    }

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST, bad_request",
        "401, UNAUTHORIZED, unauthorized",
        "403, FORBIDDEN, forbidden",
        "413, PAYLOAD_TOO_LARGE, payload_too_large"
    })
    void theFourPermanentClientErrorsAreDroppedWithTheirReason(int status, Reason reason, String tag) {
        Reason actual = ResponseClassifier.classify(status);

        assertThat(actual).isEqualTo(reason);
        assertThat(actual.outcome()).isEqualTo(Verdict.DROP);
        assertThat(actual.tag()).isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource({
        "408, REQUEST_TIMEOUT",
        "429, TOO_MANY_REQUESTS",
        "503, SERVICE_UNAVAILABLE",
        "500, SERVER_ERROR",
        "502, SERVER_ERROR",
        "504, SERVER_ERROR",
        "599, SERVER_ERROR",
        "402, CLIENT_ERROR",
        "404, CLIENT_ERROR",
        "409, CLIENT_ERROR",
        "422, CLIENT_ERROR",
        "499, CLIENT_ERROR"
    })
    void everyOtherErrorStatusIsRetried(int status, Reason reason) {
        assertThat(ResponseClassifier.classify(status)).isEqualTo(reason);
        assertThat(reason.outcome()).isEqualTo(Verdict.RETRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 199, 300, 301, 302, 307, 308, 399, 600, 999, 0, -1, Integer.MIN_VALUE})
    void informationalRedirectAndNonHttpStatusesAreRetriedAsUnexpected(int status) {
        assertThat(ResponseClassifier.classify(status)).isEqualTo(Reason.UNEXPECTED_STATUS);
        assertThat(Reason.UNEXPECTED_STATUS.outcome()).isEqualTo(Verdict.RETRY);
    }

    @Test
    void timeoutsAnywhereInTheCauseChainAreTimeouts() {
        assertThat(ResponseClassifier.classify(new TimeoutException())).isEqualTo(Reason.TIMEOUT);
        assertThat(ResponseClassifier.classify(new SocketTimeoutException())).isEqualTo(Reason.TIMEOUT);
        assertThat(ResponseClassifier.classify(new HttpTimeoutException("t"))).isEqualTo(Reason.TIMEOUT);
        assertThat(ResponseClassifier.classify(ReadTimeoutException.INSTANCE)).isEqualTo(Reason.TIMEOUT);
        assertThat(ResponseClassifier.classify(new ConnectTimeoutException("c")))
                .isEqualTo(Reason.TIMEOUT);
        assertThat(ResponseClassifier.classify(new IOException("wrapped", new TimeoutException())))
                .isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void otherTransportFailuresAreRetriedTransportErrors() {
        Reason refused = ResponseClassifier.classify(new ConnectException("Connection refused"));
        Reason reset = ResponseClassifier.classify(new UncheckedIOException(new IOException("reset")));

        assertThat(refused).isEqualTo(Reason.TRANSPORT_ERROR);
        assertThat(reset).isEqualTo(Reason.TRANSPORT_ERROR);
        assertThat(Reason.TRANSPORT_ERROR.outcome()).isEqualTo(Verdict.RETRY);
    }

    @Test
    void aCyclicCauseChainEndsAsTransportError() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);

        assertThat(ResponseClassifier.classify(a)).isEqualTo(Reason.TRANSPORT_ERROR);
    }

    @Test
    void aNullFailureIsRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> ResponseClassifier.classify((Throwable) null))
                .withMessage("failure");
    }

    @Test
    void retryAfterIsHonouredOnlyOn429And503() {
        assertThat(ResponseClassifier.honoursRetryAfter(429)).isTrue();
        assertThat(ResponseClassifier.honoursRetryAfter(503)).isTrue();
        assertThat(ResponseClassifier.honoursRetryAfter(500)).isFalse();
        assertThat(ResponseClassifier.honoursRetryAfter(202)).isFalse();
        assertThat(ResponseClassifier.honoursRetryAfter(301)).isFalse();
    }

    @Test
    void everyReasonHasADistinctLowerCaseTag() {
        assertThat(Reason.values())
                .extracting(Reason::tag)
                .doesNotHaveDuplicates()
                .allMatch(tag -> tag.matches("[a-z_]+"));
    }
}
