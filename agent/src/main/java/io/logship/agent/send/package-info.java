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
 * to wait), {@link io.logship.agent.send.BackoffState} (per-destination failure count).
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>2xx: sent. 400, 401, 403, 413: dropped at once, counted by reason and logged (rate-limited, never the
 *       key); a spooled batch is then acknowledged.</li>
 *   <li>Any other status, a transport failure, or no answer within {@code intake.timeout}: retried after the
 *       backoff (base 1 s, factor 2, max 120 s, full jitter, one {@link io.logship.agent.send.BackoffState} per
 *       destination), {@code Retry-After} on 429/503 honoured up to the max; by default forever
 *       ({@link io.logship.agent.send.Sender#UNBOUNDED_ATTEMPTS}); a finite limit drops as
 *       {@code retries_exhausted}.</li>
 *   <li>Response body over 64 KiB: the attempt fails (retried).</li>
 *   <li>Stop: queued batches are delivered until the grace period ends; a batch then still waiting stays in the
 *       spool if there is one, else it is dropped and counted ({@code shutdown}).</li>
 * </ul>
 */
package io.logship.agent.send;
