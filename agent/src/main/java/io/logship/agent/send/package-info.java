/**
 * Sending: batches in, HTTP requests to the intake out; the agent's only retry loop.
 *
 * <p><b>What enters:</b> {@link io.logship.agent.batch.Batch}es taken from the
 * {@link io.logship.agent.batch.BatchQueue} by {@code max_in_flight} {@link io.logship.agent.send.Sender} threads
 * ({@link io.logship.agent.send.SenderPool}). <b>What leaves:</b> {@code POST} requests (HTTP/1.1 keep-alive, one
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
 *   <li>2xx: sent. 400, 401, 403, 413: dropped at once and counted by reason.</li>
 *   <li>Any other status, a transport failure, or no answer within {@code intake.timeout}: retried after the
 *       backoff, up to {@link io.logship.agent.send.Sender#DEFAULT_MAX_ATTEMPTS} attempts, then dropped and counted
 *       ({@code retries_exhausted}).</li>
 *   <li>Response body over 64 KiB: the attempt fails (retried).</li>
 *   <li>Stop: queued batches are delivered until the grace period ends; a batch then still waiting is dropped and
 *       counted ({@code shutdown}).</li>
 * </ul>
 */
package io.logship.agent.send;
