/**
 * Enrichment: a line in, one intake record (a JSON object, UTF-8 bytes) out.
 *
 * <p><b>What enters:</b> the bytes of one line (from {@code io.logship.agent.frame}). <b>What leaves:</b> one JSON
 * object appended to the caller's buffer: the line itself when it is exactly one JSON object (reserved fields it
 * lacks spliced before its closing brace, its own values winning), else {@code {"message":"<escaped line>",...}}.
 *
 * <p><b>The record's own signals first:</b> {@code status}, {@code message}, {@code timestamp}, {@code hostname},
 * {@code service}, {@code dd.trace_id}/{@code dd.span_id} and {@code error.*} are read from the names common loggers
 * use ({@link io.logship.schema.ReservedAttributes}: {@code level}, {@code msg}, {@code @timestamp}, {@code log.level}
 * as a dotted key or nested object, ...), mapped to Datadog's status vocabulary ({@link io.logship.schema.Status})
 * and epoch milliseconds ({@code TimeParser}), and written as reserved attributes; originals are kept (a rewritten
 * reserved value under {@code <name>_original}). Times more than 18 h old or 2 h ahead are marked
 * ({@code logship.timestamp_out_of_range}) and get the ingestion time. Plain-text lines: a leading time and level.
 *
 * <p><b>Fields added when absent (defaults):</b> {@code status} ({@link io.logship.agent.enrich.Enricher#DEFAULT_STATUS}),
 * {@code timestamp} (ingestion time, epoch ms), {@code hostname}, {@code service}, {@code ddsource},
 * {@code ddtags} (source tags then global tags).
 *
 * <p><b>Limits and what happens at each one:</b> the record as sent (escaping included) is at most the pipeline's
 * record limit (1,000,000 bytes, less with a smaller {@code batch.max_bytes}): a longer one, e.g. a 899,000-byte
 * line of control characters (6 bytes each escaped), is re-encoded as text chunks marked {@code ...TRUNCATED...}
 * like the framer's, each within the limit, never dropped ({@code logship_records_reencoded_total{reason="size"}}).
 * A JSON object nested deeper than 128 levels becomes a text message ({@code reason="nesting"}): in a batch it
 * would pass the intake parser's depth limit and get the whole batch refused. Invalid UTF-8 is replaced by U+FFFD
 * and counted, never dropped. JSON that is broken, an array, a scalar or two values on one line is not merged: the
 * whole line becomes the message. Jackson's other default read constraints apply to merged objects (string length
 * 20,000,000); a line over them becomes a message.
 *
 * <p>Hot path: no {@code String} per record, no regex, no tree; the record's own fields are found by the same byte
 * scan that checks the object (positions only), and rewritten by splicing bytes. The object check is a byte-level scan
 * ({@link io.logship.agent.enrich.FastJsonScanner}); only what it defers (escaped top-level keys, deep nesting,
 * syntax errors) goes to the one reused non-blocking Jackson parser per event loop, which has the final word.
 */
package io.logship.agent.enrich;
