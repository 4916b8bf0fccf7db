/**
 * The logship agent: {@link io.logship.agent.LogshipAgent} is the command line, {@link io.logship.agent.Agent} the
 * running pipeline, {@code Pipeline} the one class that reads the configuration and assembles it.
 *
 * <p>A record's way, package by package, and nothing else:
 * <pre>
 *   sources (tcp, udp; a Source each)            one per logs: entry, chosen by type:
 *     → frame    (lines, size limit, chunks)
 *     → enrich   (reserved fields spliced into the JSON bytes)
 *     → batch    (≤ 1000 records, ≤ 5,000,000 bytes, ≤ max wait; a bytes-bounded queue that pauses the sources)
 *     → buffer   (with spool.path: write-ahead journal per event loop + disk spool)
 *     → encode   (JSON array, zstd | gzip | deflate)
 *     → destinations (intake: HTTP; the one retry loop)
 *         ▲ acknowledgement: a batch leaves the spool, and the sources hear their records are durable, only once
 *           the destination has it (or, with a spool, once it is written ahead)
 * </pre>
 * {@code metrics} counts everything, with one drop ledger ({@link io.logship.agent.metrics.DropLedger}) keyed by
 * {@link io.logship.agent.metrics.DropReason}; {@code cli} is the process around the agent. The local intake
 * ({@code io.logship.intake}) and the load generator ({@code io.logship.loadgen}) live apart from the pipeline; what
 * the pipeline and the intake share (the directory lock, the small HTTP server) is in {@code io.logship.support}.
 *
 * <p>Adding a source or a destination: one package under {@code sources} or {@code destinations}, one config case
 * ({@code io.logship.config.LogSource}), one case in {@code Pipeline#newSource} or {@code #newDestination}.
 */
package io.logship.agent;
