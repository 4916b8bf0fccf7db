/**
 * Buffering between the batchers and the senders when a disk spool is configured.
 *
 * <p><b>In:</b> batches from the in-memory {@link io.logship.agent.batch.BatchQueue}, appended to the
 * {@link io.logship.agent.buffer.spool.DiskSpool} by the {@link io.logship.agent.buffer.SpoolWriter} thread.
 * <b>Out:</b> spool entries, oldest first (replayed ones first), handed to the senders by the
 * {@link io.logship.agent.buffer.SpoolFeed}; an entry is acknowledged (deleted) only after a 2xx or a counted
 * permanent drop.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>Spool full ({@code spool.max_bytes}) or failing (disk full, unwritable): the batch is kept and the append
 *       retried; the in-memory queue fills and the inputs stop reading (backpressure). Nothing is dropped.</li>
 *   <li>A batch larger than the spool could ever hold: delivered from memory.</li>
 *   <li>An entry that fails its checksum when read back: dropped, counted ({@code spool_corrupt}),
 *       acknowledged.</li>
 *   <li>Stop: entries not delivered within the grace period stay on disk and are sent after the next start.</li>
 * </ul>
 */
package io.logship.agent.buffer;
