package io.logship.agent.send;

/**
 * What the sender does with a batch after one delivery attempt.
 *
 * <p>{@link ResponseClassifier} maps an HTTP status or a transport failure to a {@link Reason}; each reason belongs
 * to exactly one outcome.
 */
public enum Outcome {
    /** The intake accepted the batch: acknowledge it (remove it from the spool). */
    SUCCESS,
    /** The batch may succeed later: keep it and try again after {@link RetryPolicy}'s delay. */
    RETRY,
    /**
     * The intake rejected the batch permanently: count it as dropped (unintentional, with the reason's tag) and
     * acknowledge it, because re-sending the same bytes can never succeed.
     */
    DROP
}
