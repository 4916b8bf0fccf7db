/**
 * Sending: batches in, HTTP requests to the intake out; the agent's only retry loop.
 *
 * <p><b>What enters:</b> {@link io.logship.agent.send.Delivery}s (a batch and what to do when it is done) from a
 * {@link io.logship.agent.send.DeliverySource}: the in-memory {@link io.logship.agent.batch.BatchQueue}
 * ({@link io.logship.agent.send.QueueSource}) or, with a spool, {@code io.logship.agent.buffer.SpoolFeed}; taken by
 * {@code max_in_flight} {@link io.logship.agent.send.Sender} threads ({@link io.logship.agent.send.SenderPool}). <b>What leaves:</b> {@code POST} requests (HTTP/1.1 keep-alive, one
 * {@link io.logship.agent.send.HttpConnection} per sender, https with certificate and host name checks) built by
 * {@link io.logship.agent.send.IntakeRequests}: {@code DD-API-KEY}, {@code Content-Type: application/json},
 * {@code Content-Encoding}, {@code User-Agent: logship/<version>}.
 *
 * <p>Retry decisions: {@link io.logship.agent.send.ResponseClassifier} (what an answer means),
 * {@link io.logship.agent.send.RetryAfter} (the server's hint), {@link io.logship.agent.send.RetryPolicy} (how long
 * to wait), {@link io.logship.agent.send.BackoffState} (per destination: failure count, the one sender that probes a
 * failing intake while the others wait for its answer), {@link io.logship.agent.send.IntakeHealth} (what
 * {@code /ready} reports), {@link io.logship.agent.send.BatchSplitter} (halves of a batch refused with 400).
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
 *       ({@link io.logship.agent.send.Sender#UNBOUNDED_ATTEMPTS}); a finite limit drops as
 *       {@code retries_exhausted}.</li>
 *   <li>Refused or unreachable for longer than {@code retry.max}: {@code /ready} answers 503 with the reason.</li>
 *   <li>Response body over 64 KiB: the attempt fails (retried).</li>
 *   <li>Stop: queued batches are delivered until the grace period ends; a batch then still waiting stays in the
 *       spool if there is one, else it is dropped and counted ({@code shutdown}).</li>
 * </ul>
 */
package io.logship.agent.send;
