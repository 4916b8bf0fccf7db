package io.logship.agent.input;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs errors on input channels: at most one warning per {@value #LOG_EVERY_SECONDS} s, and resets by
 * the peer ({@link IOException}) only at debug level, since a client going away is normal.
 *
 * <p>Thread-safe.
 */
public final class InputErrors {
    /** Minimum time between two warnings. */
    static final long LOG_EVERY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InputErrors.class);

    private final LongAdder errors = new LongAdder();
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());

    void report(Channel channel, Throwable cause) {
        errors.increment();
        if (cause instanceof IOException) {
            LOG.debug("input connection {} failed", channel, cause);
            return;
        }
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS))) {
            LOG.warn("input channel {} failed and was closed ({} input errors since start)", channel, errors.sum(),
                    cause);
        }
    }

    /** Errors since start (connections ended by an exception, datagrams that failed). */
    public long count() {
        return errors.sum();
    }
}
