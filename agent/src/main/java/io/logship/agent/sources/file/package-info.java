/**
 * The {@code type: file} source, and the worked example of adding a source: this package
 * ({@link io.logship.agent.sources.file.FileTailSource} implements {@link io.logship.agent.sources.Source}), one
 * config case ({@code io.logship.config.FileSource} with its keys in {@code ConfigKeys.FILE_SOURCE}, chosen by
 * {@code type: file}), and one case in {@code Pipeline#newSource}. Nothing else in the pipeline changed: the lines
 * go to the same {@link io.logship.agent.sources.RecordSink} as TCP's (framing, enrichment, batching, spool,
 * destinations), and the checkpoints use the sink's acknowledgement ({@code whenDurable}).
 *
 * <p><b>What enters:</b> bytes appended to the files matching a glob ({@link io.logship.agent.sources.file.Glob}).
 * <b>What leaves:</b> one record per line (or per multi-line record,
 * {@link io.logship.agent.sources.file.MultiLine}), and checkpoints
 * ({@link io.logship.agent.sources.file.Checkpoints}) under {@code spool.path}.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>{@code max_message_bytes} per line: chunked, as over TCP ({@code frame.LineSplitter}).</li>
 *   <li>{@code max_open_files}: more files wait for a slot; a file read to its end gives its slot up.</li>
 *   <li>Reads: at most 1 MiB per file and 4 MiB in all per 100 ms tick, on one event loop.</li>
 *   <li>Buffer full: nothing is read until it drains (no drop).</li>
 *   <li>Unreadable files: skipped, counted as input errors, logged at most every 10 s, tried again.</li>
 * </ul>
 * Rotation, truncation, deletion and restart guarantees: see {@link io.logship.agent.sources.file.FileTailSource}.
 */
package io.logship.agent.sources.file;
