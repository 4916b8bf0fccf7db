package io.logship.agent.destinations.intake;

import io.logship.agent.destinations.Outcome;

/**
 * The kind of {@link Outcome} an HTTP answer or failure leads to: {@link ResponseClassifier} maps it to a
 * {@link Reason}, and each reason belongs to exactly one verdict.
 */
public enum Verdict {
    /** The intake accepted the batch: {@link Outcome.Accepted}. */
    SUCCESS,
    /** The batch may succeed later: {@link Outcome.Retry}. */
    RETRY,
    /** The intake rejected the batch permanently: {@link Outcome.Drop}, under {@link Reason#dropReason()}. */
    DROP
}
