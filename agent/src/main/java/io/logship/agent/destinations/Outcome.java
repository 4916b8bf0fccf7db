package io.logship.agent.destinations;

import io.logship.agent.metrics.DropReason;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt of a {@link Destination} means for the batch: it is done ({@link Accepted}), it may succeed
 * later ({@link Retry}), or it never will ({@link Drop}). The {@link Sender} acts on it: acknowledge, back off and
 * retry, or count the drop (and acknowledge: re-sending the same bytes cannot succeed).
 */
public sealed interface Outcome {
    /** The one {@link Accepted}. */
    Outcome ACCEPTED = new Accepted();

    /** The destination has the batch: acknowledge it (remove it from the spool, tell the sources). */
    record Accepted() implements Outcome {}

    /**
     * The batch may succeed later: keep it, back off, try again.
     *
     * @param reason a stable lower-case label for logs and {@code /ready} ({@code too_many_requests}, {@code timeout})
     * @param detail what was answered ({@code HTTP 503}), or null when there was no answer
     * @param retryAfter how long the destination asked to wait ({@code Retry-After}), if it did
     * @param failure the failure when there was no answer, or null
     */
    record Retry(String reason, String detail, Optional<Duration> retryAfter, Throwable failure) implements Outcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The batch can never succeed: count its records as dropped for {@code reason}, and acknowledge it.
     *
     * @param reason the drop ledger's reason
     * @param detail what was answered ({@code HTTP 403})
     * @param splittable the refusal may come from one bad record: a batch of several records is sent again as two
     *     halves, recursively, so only the bad records are dropped
     */
    record Drop(DropReason reason, String detail, boolean splittable) implements Outcome {
        public Drop {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
