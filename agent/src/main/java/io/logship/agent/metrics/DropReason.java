package io.logship.agent.metrics;

import java.util.Locale;

/**
 * Why records were dropped. "Intentional" drops are ones the operator chose (a {@code drop_newest} policy);
 * the others are losses the operator must hear about. Records that will be retried are never counted here.
 */
public enum DropReason {
    /** The buffer was full and the source is configured {@code when_full: drop_newest}. */
    BUFFER_FULL(true),
    /** A UDP datagram arrived while the buffer was full: UDP cannot be slowed down. */
    UDP_BUFFER_FULL(false),
    /**
     * The kernel dropped UDP datagrams before the agent could read them: the socket's receive buffer was full
     * ({@code drops} of {@code /proc/net/udp}, {@code RcvbufErrors}). Counted per datagram (usually one record).
     */
    UDP_KERNEL_DROPS(false),
    /**
     * A UDP datagram came from an address outside the source's {@code allow} list: dropped as the operator asked,
     * counted per datagram. (TCP clients outside it are refused at accept: nothing of theirs is read, so nothing is
     * dropped; they are counted as connections.)
     */
    NOT_ALLOWED(true),
    /** One record was larger than a whole batch may be. */
    RECORD_TOO_LARGE(false),
    /** The intake answered 400: the payload is malformed and would fail again. */
    INTAKE_BAD_REQUEST(false),
    /** The intake answered 401: no API key. */
    INTAKE_UNAUTHORIZED(false),
    /** The intake answered 403: the API key is wrong. */
    INTAKE_FORBIDDEN(false),
    /** The intake answered 413: the payload is too large. */
    INTAKE_PAYLOAD_TOO_LARGE(false),
    /** The intake kept failing for every attempt a finite retry limit allowed (not the default: retries never stop). */
    RETRIES_EXHAUSTED(false),
    /** The batch could not be compressed (e.g. out of direct memory). */
    ENCODE_FAILED(false),
    /** A spool entry failed its checksum when it was read back for sending. */
    SPOOL_CORRUPT(false),
    /** The agent stopped before it could deliver or spool the records. */
    SHUTDOWN(false);

    private final boolean intentional;

    DropReason(boolean intentional) {
        this.intentional = intentional;
    }

    public boolean intentional() {
        return intentional;
    }

    /** The {@code reason} tag value: {@code record_too_large}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
