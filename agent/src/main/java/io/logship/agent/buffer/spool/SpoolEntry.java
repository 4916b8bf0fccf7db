package io.logship.agent.buffer.spool;

/**
 * One spooled batch, as the index knows it: its id and metadata, not its bytes (read those with
 * {@link DiskSpool#read(SpoolEntry)}).
 *
 * @param id the key for {@link DiskSpool#acknowledge(long)}: unique and increasing in append order for as long as
 *     the spool holds anything (across restarts); a spool reopened empty may start again at 0
 * @param payloadBytes the payload's length
 * @param recordCount log records in the batch, as the caller gave it (for counters after a replay)
 * @param attributes an opaque int the caller stores with the batch, e.g. its content encoding
 * @param appendedAtMillis wall-clock time of the append, epoch milliseconds (for the age of the oldest batch)
 */
public record SpoolEntry(long id, int payloadBytes, int recordCount, int attributes, long appendedAtMillis) {}
