/**
 * The disk spool's entrance and exit, when {@code spool.path} is set.
 *
 * <p><b>In:</b> each event loop has a {@link io.logship.agent.buffer.JournaledSpoolSink} (made by
 * {@link io.logship.agent.buffer.SpoolSinks}): after every read the records added to the loop's open batch are
 * written ahead to its {@link io.logship.agent.buffer.spool.BatchJournal} (page cache, before the connection is read
 * again), and each finished batch is appended to the {@link io.logship.agent.buffer.spool.DiskSpool} on the loop, after
 * which the journal is reset. The {@link io.logship.agent.buffer.SpoolSyncer} thread forces the spool per
 * {@code spool.fsync} (group commit: an fsync never runs on an event loop).
 * <b>Out:</b> spool entries, oldest first (journals and entries of the last run first), handed to the senders by the
 * {@link io.logship.agent.buffer.SpoolFeed}; an entry is acknowledged (deleted) only after a 2xx or a counted
 * permanent drop.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>{@code kill -9} at any moment: nothing the agent had read is lost (journals and spool are replayed at the
 *       next start); a batch appended to the spool just before its journal reset, and requests unanswered at the
 *       kill, come twice.</li>
 *   <li>Spool full ({@code spool.max_bytes}) or failing (disk full, unwritable): the batch stays in the journal,
 *       the inputs are paused at once, the append is retried every 100 ms. Nothing is held only in memory; the
 *       journals are preallocated so that they still take the records of the reads in flight on a full disk.</li>
 *   <li>Journal failing (or not creatable on a full disk at start): the inputs are paused until it works again.</li>
 *   <li>A batch larger than the spool could ever hold: delivered from memory.</li>
 *   <li>An entry that fails its checksum when read back: dropped, counted ({@code spool_corrupt}),
 *       acknowledged.</li>
 *   <li>Stop: entries not delivered within the grace period stay on disk and are sent after the next start.</li>
 * </ul>
 */
package io.logship.agent.buffer;
