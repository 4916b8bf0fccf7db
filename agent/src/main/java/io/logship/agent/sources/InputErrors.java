package io.logship.agent.sources;

import io.logship.agent.metrics.LogLimiter;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs errors on input channels: at most one warning per {@value #LOG_EVERY_SECONDS} s, and resets by
 * the peer ({@link IOException}) only at debug level, since a client going away is normal. Other conditions of the
 * inputs ({@link Kind}) are logged through the same limit, each kind with its own clock.
 *
 * <p>Thread-safe.
 */
public final class InputErrors {
    /** Minimum time between two warnings. */
    public static final long LOG_EVERY_SECONDS = LogLimiter.DEFAULT_INTERVAL_SECONDS;

    private static final Logger LOG = LoggerFactory.getLogger(InputErrors.class);

    /** What a rate-limited warning is about: each kind is limited on its own. */
    public enum Kind {
        /** A connection or datagram failed. */
        CHANNEL,
        /** Accepting a connection failed (e.g. out of file descriptors). */
        ACCEPT,
        /** New connections were closed at once (over a cap, or not in the allow-list). */
        REFUSED,
        /** A TLS handshake failed (plain text, no or a bad client certificate, an old protocol version). */
        TLS_REFUSED,
        /** The kernel dropped datagrams. */
        UDP_KERNEL_DROPS,
        /** A file could not be listed, opened or read. */
        FILE
    }

    private final LongAdder errors = new LongAdder();
    private final LogLimiter[] logs = new LogLimiter[Kind.values().length];

    public InputErrors() {
        for (int i = 0; i < logs.length; i++) {
            logs[i] = new LogLimiter();
        }
    }

    /** Counts one failed connection, datagram or file ({@code where}) and logs it (rate-limited). */
    public void report(Object channel, Throwable cause) {
        errors.increment();
        if (cause instanceof IOException) {
            LOG.debug("input connection {} failed", channel, cause);
            return;
        }
        if (mayLog(Kind.CHANNEL)) {
            LOG.warn(
                    "input channel {} failed and was closed ({} input errors since start)",
                    channel,
                    errors.sum(),
                    cause);
        }
    }

    /**
     * Whether a warning of {@code kind} may be logged now: true at most once per {@value #LOG_EVERY_SECONDS} s per
     * kind (the caller then logs it, without a stack trace unless it is a bug).
     */
    public boolean mayLog(Kind kind) {
        return logs[kind.ordinal()].mayLog();
    }

    /** Errors since start (connections ended by an exception, datagrams that failed). */
    public long count() {
        return errors.sum();
    }
}
