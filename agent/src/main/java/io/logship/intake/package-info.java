/**
 * The embedded, Datadog-compatible local intake: an HTTP server that speaks the logs intake contract, stores what
 * it accepts in an embedded database on disk, and answers queries.
 *
 * <p><b>What enters:</b> {@code POST /api/v2/logs} and {@code POST /v1/input}, a JSON array of objects, with
 * {@code Content-Encoding} gzip, deflate (zlib, RFC 1950), zstd or identity, and a {@code DD-API-KEY} header when
 * a key is required. <b>What leaves:</b> {@code 202 {}}, or an error status with {@code {"errors":["..."]}}.
 * <b>Guarantee:</b> 202 is sent only after the request's records are committed and written to the database file
 * ({@link io.logship.intake.IntakeStore}), so they survive {@code kill -9}.
 *
 * <p><b>Search:</b> a Lucene index under {@code <data>/index} ({@link io.logship.intake.search.SearchIndex}) follows
 * the store from a background thread and answers the explorer's routes ({@code /api/search}, {@code /api/facets},
 * {@code /api/histogram}, {@code /api/tail}, {@code /api/summary}; {@link io.logship.intake.ExplorerRoutes}) in
 * the query language of {@link io.logship.intake.search.QueryParser}. The store stays the truth: the index is
 * rebuilt or caught up from it at start.
 *
 * <p><b>Retention:</b> every {@link io.logship.intake.LocalIntake#RETENTION_INTERVAL} a background task deletes the
 * oldest records while any arrived more than {@link io.logship.intake.LocalIntakeOptions#DEFAULT_MAX_AGE} ago or the
 * stored JSON bytes pass {@link io.logship.intake.LocalIntakeOptions#DEFAULT_MAX_STORED_BYTES} (both settable), in
 * short bounded steps ({@code IntakeStore.expire}); {@code GET /api/stats} counts what it expired.
 *
 * <p><b>Limits and what happens at each one</b>
 * <table>
 *   <caption>Answers the intake gives by itself</caption>
 *   <tr><th>Condition</th><th>Answer</th></tr>
 *   <tr><td>body over {@link io.logship.intake.LocalIntakeOptions#DEFAULT_MAX_BODY_BYTES} uncompressed
 *       (decompression stops one byte past the limit)</td><td>413</td></tr>
 *   <tr><td>malformed JSON, a non-array body, an array element that is not an object, a corrupt or truncated
 *       compressed body</td><td>400</td></tr>
 *   <tr><td>a key is required and {@code DD-API-KEY} is missing / wrong</td><td>401 / 403</td></tr>
 *   <tr><td>unknown {@code Content-Encoding}</td><td>415</td></tr>
 *   <tr><td>unknown path / known path with another method</td><td>404 / 405</td></tr>
 *   <tr><td>{@code Host} not this intake's address and port, or a foreign {@code Origin} /
 *       {@code Sec-Fetch-Site} ({@link io.logship.intake.RequestGuard}), on any route</td><td>403</td></tr>
 *   <tr><td>a control route ({@code /_knobs/*}, {@code DELETE /api/records}) while knobs are off / without
 *       {@code Content-Type: application/json}</td><td>404 / 415</td></tr>
 *   <tr><td>a body that would pass the bytes all connections may hold together
 *       ({@link io.logship.intake.LocalIntakeOptions#DEFAULT_MAX_BUFFERED_BODY_BYTES})</td><td>503 with
 *       {@code Retry-After: 1}, connection closed</td></tr>
 *   <tr><td>a started body stalls for
 *       {@link io.logship.intake.LocalIntakeOptions#DEFAULT_BODY_READ_TIMEOUT}</td><td>408, connection
 *       closed</td></tr>
 *   <tr><td>bad query parameter on {@code /api/records}, {@code /api/count} or {@code /}</td><td>400</td></tr>
 *   <tr><td>bad parameter or query on an explorer route</td><td>400 {@code {"error":"..."}}</td></tr>
 *   <tr><td>more than {@link io.logship.intake.IntakeWorkers#DEFAULT_MAX_QUEUED_REQUESTS} requests waiting
 *       for a worker</td><td>503 with {@code Retry-After: 1}</td></tr>
 *   <tr><td>a {@link io.logship.intake.Knobs#failNext} knob is armed</td><td>the chosen status</td></tr>
 * </table>
 *
 * <p><b>Discard mode</b> ({@code --discard}, for benchmarks) validates and counts without storing. Records with a
 * top-level integer {@code probe_us} (epoch µs, from {@code loadgen --probe}) feed a delay histogram reported by
 * {@code GET /api/stats}; {@code DELETE /api/stats} resets the counters for a measurement window.
 *
 * <p><b>Threads:</b> the Netty event loop only parses HTTP and hands each complete request to a bounded worker pool
 * ({@link io.logship.intake.IntakeWorkers}); decoding, JSON validation and database work run there. One
 * request per connection is in flight at a time ({@code autoRead} is off meanwhile), so answers keep their order.
 */
package io.logship.intake;
