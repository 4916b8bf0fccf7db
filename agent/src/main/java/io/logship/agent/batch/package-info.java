/**
 * Batching: records in, JSON arrays out, and the bounded hand-off to the senders.
 *
 * <p><b>What enters:</b> one JSON object per record (from {@code io.logship.agent.enrich}), on an event loop.
 * <b>What leaves:</b> {@link io.logship.agent.batch.Batch}es (an uncompressed JSON array + record count), queued in
 * the {@link io.logship.agent.batch.BatchQueue} for the sender threads.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>{@link io.logship.config.BatchLimits#DEFAULT_MAX_RECORDS} records or
 *       {@link io.logship.config.BatchLimits#DEFAULT_MAX_BYTES} bytes of JSON array per batch: the batch
 *       leaves before the record that would cross the limit; a batch exactly at the limit is allowed.</li>
 *   <li>{@link io.logship.config.BatchLimits#DEFAULT_MAX_WAIT}: a batch leaves at most this long after its
 *       first record.</li>
 *   <li>A record larger than the byte limit (with the brackets) is dropped, counted, and logged (rate-limited).</li>
 *   <li>{@link io.logship.agent.batch.BatchQueue#DEFAULT_MAX_BYTES} queued: the inputs stop reading
 *       (backpressure), and read again at half of it.</li>
 * </ul>
 * One batcher per event loop; records never cross threads, only whole batches do.
 */
package io.logship.agent.batch;
