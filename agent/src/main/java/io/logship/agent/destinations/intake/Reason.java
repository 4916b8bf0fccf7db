package io.logship.agent.destinations.intake;

import io.logship.agent.metrics.DropReason;

/**
 * Why one attempt at the intake ended the way it did.
 *
 * <p>Each constant belongs to one {@link Verdict}. The {@link #tag()} is a stable, lower-case label for logs and
 * {@code /ready} ({@code too_many_requests}); a dropped batch is counted under its {@link #dropReason()}, the drop
 * ledger's one vocabulary.
 */
public enum Reason {
    /** 2xx: the intake took the batch (the v2 API answers 202, v1 answered 200). */
    ACCEPTED(Verdict.SUCCESS, "accepted"),
    /** 400: the payload is malformed; the same bytes will fail again. */
    BAD_REQUEST(Verdict.DROP, "bad_request"),
    /** 401: the API key is missing. */
    UNAUTHORIZED(Verdict.DROP, "unauthorized"),
    /** 403: the API key is invalid or lacks permission. */
    FORBIDDEN(Verdict.DROP, "forbidden"),
    /** 413: the payload exceeds the intake's 5,000,000-byte uncompressed limit. */
    PAYLOAD_TOO_LARGE(Verdict.DROP, "payload_too_large"),
    /** 408: the intake timed out reading the request. */
    REQUEST_TIMEOUT(Verdict.RETRY, "request_timeout"),
    /** 429: rate limited; {@code Retry-After} applies. */
    TOO_MANY_REQUESTS(Verdict.RETRY, "too_many_requests"),
    /** 503: the intake is overloaded or down; {@code Retry-After} applies. */
    SERVICE_UNAVAILABLE(Verdict.RETRY, "service_unavailable"),
    /** Any other 5xx. */
    SERVER_ERROR(Verdict.RETRY, "server_error"),
    /** Any other 4xx. */
    CLIENT_ERROR(Verdict.RETRY, "client_error"),
    /** 1xx as a final answer, 3xx, or a number outside 100..599: not a documented intake answer. */
    UNEXPECTED_STATUS(Verdict.RETRY, "unexpected_status"),
    /** No answer in time: connect, write or response timeout. */
    TIMEOUT(Verdict.RETRY, "timeout"),
    /** No answer at all: connection refused or reset, DNS failure, TLS failure, closed mid-response. */
    TRANSPORT_ERROR(Verdict.RETRY, "transport_error");

    private final Verdict outcome;
    private final String tag;

    Reason(Verdict outcome, String tag) {
        this.outcome = outcome;
        this.tag = tag;
    }

    /** The outcome this reason implies. */
    public Verdict outcome() {
        return outcome;
    }

    /**
     * The drop ledger's reason for a {@link Verdict#DROP}.
     *
     * @throws IllegalStateException for a reason that is not a drop
     */
    public DropReason dropReason() {
        switch (this) {
            case BAD_REQUEST:
                return DropReason.INTAKE_BAD_REQUEST;
            case UNAUTHORIZED:
                return DropReason.INTAKE_UNAUTHORIZED;
            case FORBIDDEN:
                return DropReason.INTAKE_FORBIDDEN;
            case PAYLOAD_TOO_LARGE:
                return DropReason.INTAKE_PAYLOAD_TOO_LARGE;
            default:
                throw new IllegalStateException(this + " is not a drop");
        }
    }

    /** The stable label, e.g. {@code payload_too_large}. */
    public String tag() {
        return tag;
    }
}
