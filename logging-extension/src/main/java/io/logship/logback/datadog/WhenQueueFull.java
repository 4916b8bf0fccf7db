package io.logship.logback.datadog;

/**
 * What {@link RecordQueue#offer} does when the queue holds its maximum number of records or bytes.
 *
 * <p>Either way the record that did not fit is counted as dropped: nothing is lost silently.
 */
public enum WhenQueueFull {
    /**
     * Drop the record being logged at once and count it. The application thread never waits: this is the default,
     * because a logging call must not slow the application down when the agent is slow or absent.
     */
    DROP_NEWEST,
    /**
     * Wait up to the block timeout for room, then drop and count. The application slows down to the writer's pace
     * while the queue is full, bounded by the timeout; use it when losing records is worse than latency.
     */
    BLOCK_WITH_TIMEOUT
}
