/**
 * The Datadog-style HTTP intake as a destination: {@link io.logship.agent.destinations.intake.IntakeDestination}
 * compresses a batch ({@code io.logship.agent.encode}), posts it on a keep-alive
 * {@link io.logship.agent.destinations.intake.HttpConnection} with the headers of
 * {@link io.logship.agent.destinations.intake.IntakeRequests}, and classifies the answer with
 * {@link io.logship.agent.destinations.intake.ResponseClassifier} into a
 * {@link io.logship.agent.destinations.intake.Reason} (2xx accepted; 400, 401, 403, 413 dropped under the drop
 * ledger's {@code intake_*} reasons, 400 splittable; everything else retried, {@code Retry-After} honoured on 429
 * and 503 via {@link io.logship.agent.destinations.intake.RetryAfter}). The retry loop itself is the shared
 * {@link io.logship.agent.destinations.Sender}; the limits are listed in {@code io.logship.agent.destinations}.
 */
package io.logship.agent.destinations.intake;
