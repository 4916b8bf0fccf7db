package io.logship.agent.input;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
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
    static final long LOG_EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InputErrors.class);

    /** What a rate-limited warning is about: each kind is limited on its own. */
    public enum Kind {
        /** A connection or datagram failed. */
        CHANNEL,
        /** Accepting a connection failed (e.g. out of file descriptors). */
        ACCEPT,
        /** New connections were closed at once (over a cap). */
        REFUSED,
        /** The kernel dropped datagrams. */
        UDP_KERNEL_DROPS
    }

    private final LongAdder errors = new LongAdder();
    private final AtomicLongArray nextLogNanos = new AtomicLongArray(Kind.values().length);

    public InputErrors() {
        long now = System.nanoTime();
        for (int i = 0; i < nextLogNanos.length(); i++) nextLogNanos.set(i, now);
    }

    void report(Channel channel, Throwable cause) {
        errors.increment();
        if (cause instanceof IOException) {
            LOG.debug("input connection {} failed", channel, cause);
            return;
        }
        if (mayLog(Kind.CHANNEL)) {
            LOG.warn("input channel {} failed and was closed ({} input errors since start)", channel, errors.sum(),
                    cause);
        }
    }

    /**
     * Whether a warning of {@code kind} may be logged now: true at most once per {@value #LOG_EVERY_SECONDS} s per
     * kind (the caller then logs it, without a stack trace unless it is a bug).
     */
    public boolean mayLog(Kind kind) {
        long now = System.nanoTime();
        int i = kind.ordinal();
        long next = nextLogNanos.get(i);
        return now - next >= 0
                && nextLogNanos.compareAndSet(i, next, now + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS));
    }

    /** Errors since start (connections ended by an exception, datagrams that failed). */
    public long count() {
        return errors.sum();
    }
}
