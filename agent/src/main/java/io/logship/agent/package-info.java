/**
 * The logship agent: {@link io.logship.agent.LogshipAgent} is the command line, {@link io.logship.agent.Agent} the
 * running pipeline and the one class that reads the configuration.
 *
 * <p>A record's way, package by package: {@code input} (TCP/UDP listeners) → {@code frame} (lines, size limit) →
 * {@code enrich} (reserved fields spliced into the JSON bytes) → {@code batch} (≤ 1000 records, ≤ 5,000,000 bytes,
 * ≤ max wait; a bytes-bounded queue that pauses the inputs when full) → {@code encode} (compression) →
 * {@code send} (HTTP, the one retry loop) → the intake. {@code buffer.spool} keeps batches on disk,
 * {@code intake} is the embedded Datadog-compatible intake, {@code metrics} counts everything, {@code loadgen}
 * generates load.
 */
package io.logship.agent;
