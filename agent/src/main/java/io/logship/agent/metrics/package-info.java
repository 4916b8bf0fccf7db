/**
 * What the agent counts, and the endpoint that shows it.
 *
 * <p>{@link io.logship.agent.metrics.AgentMetrics} holds every meter the pipeline updates: records and bytes in
 * per source, records, batches and bytes sent, drops by reason (each flagged intentional or not, as Vector's
 * instrumentation spec asks), retries, responses by status, send latency, buffer and spool bytes, open
 * connections, and the spool's pending entries, damaged entries skipped, refused appends and records spooled.
 * Stages resolve their meters once, at construction, so the hot path only increments.
 * {@link io.logship.agent.metrics.MetricsServer} serves them at {@code /metrics} (Prometheus text), with
 * {@code /health} and {@code /ready}.
 */
package io.logship.agent.metrics;
