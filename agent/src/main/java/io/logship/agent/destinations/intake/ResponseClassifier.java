package io.logship.agent.destinations.intake;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.WriteTimeoutException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Decides what one delivery attempt means: {@link Verdict#SUCCESS}, {@link Verdict#RETRY} or {@link Verdict#DROP},
 * with a {@link Reason} for the counters.
 *
 * <p>The rule is the Datadog Agent's ({@code pkg/logs/client/http/destination.go}): 2xx is success; 400, 401, 403
 * and 413 are dropped because re-sending the same bytes can never succeed; every other status and every transport
 * failure is retried, without limit, so a broken intake causes backpressure, never silent loss.
 *
 * <p>Statuses the intake does not document are retried too ({@link Reason#UNEXPECTED_STATUS}): a 3xx means the
 * configured URL is wrong (we do not follow redirects with a request body), and a 1xx as a final answer or a number
 * outside 100..599 is a broken peer. Retrying keeps the batch; the retry counter and log make the problem visible,
 * where dropping would lose data and counting it as delivered would lie.
 *
 * <p>Stateless and thread-safe: static methods only.
 *
 * <p>Pitfalls: a {@link Verdict#DROP} must still be acknowledged (removed from the spool) after it is counted,
 * or the batch is re-sent forever. Shutdown is not a delivery failure: the caller must check for its own
 * cancellation before classifying an exception, or a cancelled request is retried.
 */
public final class ResponseClassifier {
    /** How deep {@link #classify(Throwable)} follows {@link Throwable#getCause()}: guards against cycles. */
    private static final int MAX_CAUSE_DEPTH = 8;

    private ResponseClassifier() {}

    /**
     * Classifies an HTTP status code.
     *
     * @param status the status of the final response (any int; out-of-range values are retried)
     * @return the reason, whose {@link Reason#outcome()} says what to do
     */
    public static Reason classify(int status) {
        // 2xx: accepted (v2 answers 202, v1 answered 200).
        if (status >= 200 && status < 300) {
            return Reason.ACCEPTED;
        }
        // 400: malformed payload; the same bytes fail again.
        if (status == 400) {
            return Reason.BAD_REQUEST;
        }
        // 401: missing API key; retrying the same request cannot add one.
        if (status == 401) {
            return Reason.UNAUTHORIZED;
        }
        // 403: invalid API key; the Datadog Agent drops here too (Vector retries, and stalls forever).
        if (status == 403) {
            return Reason.FORBIDDEN;
        }
        // 413: above the 5 MB limit; the batcher's limit is wrong, the batch can never fit.
        if (status == 413) {
            return Reason.PAYLOAD_TOO_LARGE;
        }
        // 408: the intake gave up reading; transient.
        if (status == 408) {
            return Reason.REQUEST_TIMEOUT;
        }
        // 429: rate limited; the caller honours Retry-After.
        if (status == 429) {
            return Reason.TOO_MANY_REQUESTS;
        }
        // 503: overloaded or down; the caller honours Retry-After.
        if (status == 503) {
            return Reason.SERVICE_UNAVAILABLE;
        }
        // Other 5xx: the intake's fault, transient by definition.
        if (status >= 500 && status < 600) {
            return Reason.SERVER_ERROR;
        }
        // Other 4xx (404 on a bad path, 409, 422...): retried like the Datadog Agent, never silently lost.
        if (status >= 400 && status < 500) {
            return Reason.CLIENT_ERROR;
        }
        // 1xx final, 3xx, or not an HTTP status: keep the batch and make the misconfiguration visible.
        return Reason.UNEXPECTED_STATUS;
    }

    /**
     * Classifies a failure that produced no HTTP response: always {@link Verdict#RETRY}, as
     * {@link Reason#TIMEOUT} when a timeout appears anywhere in the cause chain, else {@link Reason#TRANSPORT_ERROR}.
     *
     * @param failure the exception that ended the attempt; not null
     * @return {@link Reason#TIMEOUT} or {@link Reason#TRANSPORT_ERROR}
     */
    public static Reason classify(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (isTimeout(t)) {
                return Reason.TIMEOUT;
            }
        }
        return Reason.TRANSPORT_ERROR;
    }

    /**
     * Whether a response with this status carries a {@code Retry-After} the sender should honour: 429 and 503,
     * the two statuses RFC 9110 §10.2.3 pairs it with for "come back later".
     */
    public static boolean honoursRetryAfter(int status) {
        return status == 429 || status == 503;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof TimeoutException // also HttpClient's future timeouts
                || t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof ReadTimeoutException
                || t instanceof WriteTimeoutException
                || t instanceof ConnectTimeoutException;
    }
}
