/**
 * The disk spool: batches wait here, durable, until the intake has taken them.
 *
 * <p><b>In:</b> encoded batches from the batcher ({@link io.logship.agent.buffer.spool.DiskSpool#append}), before
 * they are sent. <b>Out:</b> the same bytes, to the sender, now or after a restart
 * ({@link io.logship.agent.buffer.spool.DiskSpool#pending()}, oldest first), and acknowledgements back from the
 * sender after a 2xx or a counted permanent drop.
 *
 * <p><b>Limits.</b> {@code maxBytes} for all segment files ({@link io.logship.agent.buffer.spool.SpoolConfig}):
 * past it an append answers {@code FULL} and the caller applies backpressure. A payload above 64 MiB, or one that
 * could never fit, answers {@code TOO_LARGE}.
 *
 * <p><b>Failures.</b> Damaged or torn entries found on start are skipped and counted; the spool always opens if
 * its directory is usable. Disk full or I/O errors on append answer {@code FAILED} with the file named; nothing is
 * lost, because the caller still holds the batch. Delivery is at-least-once: acknowledgements are logged in {@code acks.log} (unforced), so
 * a killed process does not replay them, but a power loss can replay batches that were
 * already acknowledged.
 */
package io.logship.agent.buffer.spool;
