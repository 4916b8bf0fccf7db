package io.logship.agent.send;

/**
 * Why one delivery attempt ended the way it did: the label for counters and logs.
 *
 * <p>Each constant belongs to one {@link Outcome}. The {@link #tag()} is a stable, lower-case metric label
 * ({@code reason:payload_too_large}); it never changes once released, so dashboards keep working.
 */
public enum Reason {
    /** 2xx: the intake took the batch (the v2 API answers 202, v1 answered 200). */
    ACCEPTED(Outcome.SUCCESS, "accepted"),
    /** 400: the payload is malformed; the same bytes will fail again. */
    BAD_REQUEST(Outcome.DROP, "bad_request"),
    /** 401: the API key is missing. */
    UNAUTHORIZED(Outcome.DROP, "unauthorized"),
    /** 403: the API key is invalid or lacks permission. */
    FORBIDDEN(Outcome.DROP, "forbidden"),
    /** 413: the payload exceeds the intake's 5,000,000-byte uncompressed limit. */
    PAYLOAD_TOO_LARGE(Outcome.DROP, "payload_too_large"),
    /** 408: the intake timed out reading the request. */
    REQUEST_TIMEOUT(Outcome.RETRY, "request_timeout"),
    /** 429: rate limited; {@code Retry-After} applies. */
    TOO_MANY_REQUESTS(Outcome.RETRY, "too_many_requests"),
    /** 503: the intake is overloaded or down; {@code Retry-After} applies. */
    SERVICE_UNAVAILABLE(Outcome.RETRY, "service_unavailable"),
    /** Any other 5xx. */
    SERVER_ERROR(Outcome.RETRY, "server_error"),
    /** Any other 4xx. */
    CLIENT_ERROR(Outcome.RETRY, "client_error"),
    /** 1xx as a final answer, 3xx, or a number outside 100..599: not a documented intake answer. */
    UNEXPECTED_STATUS(Outcome.RETRY, "unexpected_status"),
    /** No answer in time: connect, write or response timeout. */
    TIMEOUT(Outcome.RETRY, "timeout"),
    /** No answer at all: connection refused or reset, DNS failure, TLS failure, closed mid-response. */
    TRANSPORT_ERROR(Outcome.RETRY, "transport_error");

    private final Outcome outcome;
    private final String tag;

    Reason(Outcome outcome, String tag) {
        this.outcome = outcome;
        this.tag = tag;
    }

    /** The outcome this reason implies. */
    public Outcome outcome() {
        return outcome;
    }

    /** The stable metric label, e.g. {@code payload_too_large}. */
    public String tag() {
        return tag;
    }
}
