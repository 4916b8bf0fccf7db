package io.logship.agent.sources.tcp;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file descriptors the TCP inputs may hold, all sources together: the process limit ({@code ulimit -n}) minus
 * what was open when the agent started, minus a {@link #DEFAULT_RESERVE reserve} for everything else the agent opens
 * later (the metrics endpoint's scrapes, the intake connections, spool files, the local intake, lazily opened jars).
 * A connection that would pass the budget is closed at once, so a flood of clients can never take the descriptors
 * {@code /metrics} and {@code /health} need to answer.
 *
 * <p>Thread-safe: one atomic counter, touched once per connection open and close, never per record.
 */
public final class ConnectionBudget {
    /** Descriptors kept out of the inputs' reach: {@value}. */
    public static final int DEFAULT_RESERVE = 64;
    /**
     * System property overriding {@link #DEFAULT_RESERVE}; a negative value lifts the budget above the process
     * limit (the tests use it to make accepts fail with EMFILE).
     */
    public static final String RESERVE_PROPERTY = "logship.fd_reserve";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionBudget(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        this.limit = limit;
    }

    /** No limit (where the process limit cannot be read). */
    public static ConnectionBudget unlimited() {
        return new ConnectionBudget(Integer.MAX_VALUE);
    }

    /**
     * The budget of this process, read from {@link UnixOperatingSystemMXBean}; warns when the sources' caps add up
     * to more than it.
     *
     * @param sumOfCaps the {@code max_connections} of every TCP source, added up
     */
    public static ConnectionBudget forProcess(long sumOfCaps) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return unlimited();
        }
        long max = unix.getMaxFileDescriptorCount();
        long openNow = unix.getOpenFileDescriptorCount();
        if (max <= 0 || openNow < 0) {
            return unlimited();
        }
        int reserve = Integer.getInteger(RESERVE_PROPERTY, DEFAULT_RESERVE);
        int limit = (int) Math.max(0, Math.min(Integer.MAX_VALUE, max - openNow - reserve));
        if (sumOfCaps > limit) {
            LOG.warn(
                    "the tcp sources' max_connections add up to {}, but this process may open {} file descriptors "
                            + "(ulimit -n) and has {} open: at most {} client connections will be kept, {} descriptors stay "
                            + "reserved for the agent itself (metrics, intake, spool); raise ulimit -n to accept more",
                    sumOfCaps,
                    max,
                    openNow,
                    limit,
                    reserve);
        }
        return new ConnectionBudget(limit);
    }

    /** Takes one descriptor for a new connection; false if the budget is spent (the connection must be closed). */
    boolean tryAcquire() {
        while (true) {
            int n = open.get();
            if (n >= limit) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back the descriptor of a closed connection. */
    void release() {
        open.decrementAndGet();
    }

    /** Connections all inputs together may hold. */
    public int limit() {
        return limit;
    }

    /** Connections held now. */
    public int inUse() {
        return open.get();
    }
}
