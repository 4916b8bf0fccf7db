/**
 * Destinations: where batches go, and the agent's only retry loop. The seam is
 * {@link io.logship.agent.destinations.Destination} ({@code prepare(batch)}, then {@code send(payload) → }
 * {@link io.logship.agent.destinations.Outcome}: accepted, retry (with the destination's own {@code Retry-After}),
 * or drop with a {@link io.logship.agent.metrics.DropReason}, maybe splittable); each destination classifies its own
 * failures. This package holds what every destination shares: the {@link io.logship.agent.destinations.Sender}
 * loop, {@link io.logship.agent.destinations.BackoffState}, {@link io.logship.agent.destinations.RetryPolicy},
 * {@link io.logship.agent.destinations.BatchSplitter}, {@link io.logship.agent.destinations.DestinationHealth}, the
 * counters; one sub-package per destination: {@code intake} (the Datadog-style HTTP intake, below).
 *
 * <p><b>Adding a destination</b> (Kafka next): one package {@code destinations.<name>} with a class implementing
 * {@link io.logship.agent.destinations.Destination} (its own client, its own classification into
 * {@link io.logship.agent.destinations.Outcome}s, nothing retried or counted inside it), one config case, and one
 * case in {@code Pipeline#newDestination}. The sender loop, the spool and the acknowledgements
 * ({@link io.logship.agent.destinations.Delivery#finished()}: a batch leaves the spool, and
 * {@link io.logship.agent.batch.Batch#finish()} tells the sources, only once the destination has it) come for free.
 *
 * <p>The HTTP intake destination, in detail:
 *
 * <p><b>What enters:</b> {@link io.logship.agent.destinations.Delivery}s (a batch and what to do when it is done) from a
 * {@link io.logship.agent.destinations.DeliverySource}: the in-memory {@link io.logship.agent.batch.BatchQueue}
 * ({@link io.logship.agent.destinations.QueueSource}) or, with a spool, {@code io.logship.agent.buffer.SpoolFeed}; taken by
 * {@code max_in_flight} {@link io.logship.agent.destinations.Sender} threads ({@link io.logship.agent.destinations.SenderPool}). <b>What leaves:</b> {@code POST} requests (HTTP/1.1 keep-alive, one
 * {@link io.logship.agent.destinations.intake.HttpConnection} per sender, https with certificate and host name checks) built by
 * {@link io.logship.agent.destinations.intake.IntakeRequests}: {@code DD-API-KEY}, {@code Content-Type: application/json},
 * {@code Content-Encoding}, {@code User-Agent: logship/<version>}.
 *
 * <p>Retry decisions: {@link io.logship.agent.destinations.intake.ResponseClassifier} (what an answer means),
 * {@link io.logship.agent.destinations.intake.RetryAfter} (the server's hint), {@link io.logship.agent.destinations.RetryPolicy} (how long
 * to wait), {@link io.logship.agent.destinations.BackoffState} (per destination: failure count, the one sender that probes a
 * failing intake while the others wait for its answer), {@link io.logship.agent.destinations.DestinationHealth} (what
 * {@code /ready} reports), {@link io.logship.agent.destinations.BatchSplitter} (halves of a batch refused with 400).
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>2xx: sent. 401, 403, 413: dropped at once, counted by reason and logged (rate-limited, never the key or a
 *       secret of the URL); a spooled batch is then acknowledged.</li>
 *   <li>400 on several records: the batch is split in halves, each delivered on its own, recursively; only the
 *       records refused alone are dropped ({@code bad_request}); a spooled batch is acknowledged once every part
 *       is done.</li>
 *   <li>Any other status, a transport failure (out of file descriptors included), or no answer within
 *       {@code intake.timeout}: retried. While the intake fails one sender probes it, after the backoff (base 1 s,
 *       factor 2, full jitter) capped at 1 s, or after {@code Retry-After} on 429/503 (capped at
 *       {@code retry.max}); the others wait for its first answer, then all resume at once. By default forever
 *       ({@link io.logship.agent.destinations.Sender#UNBOUNDED_ATTEMPTS}); a finite limit drops as
 *       {@code retries_exhausted}.</li>
 *   <li>Refused or unreachable for longer than {@code retry.max}: {@code /ready} answers 503 with the reason.</li>
 *   <li>Response body over 64 KiB: the attempt fails (retried).</li>
 *   <li>Stop: queued batches are delivered until the grace period ends; a batch then still waiting stays in the
 *       spool if there is one, else it is dropped and counted ({@code shutdown}).</li>
 * </ul>
 */
package io.logship.agent.destinations;
