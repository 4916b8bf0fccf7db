/**
 * Encoding: a batch's JSON array in, a compressed HTTP body out.
 *
 * <p><b>What enters:</b> the uncompressed JSON array of one batch (at most 5,000,000 bytes, see
 * {@code io.logship.agent.batch}). <b>What leaves:</b> the request body and its {@code Content-Encoding}:
 * {@link io.logship.config.Compression#ZSTD} (level 1 by default),
 * {@link io.logship.config.Compression#GZIP} (level 6),
 * {@link io.logship.config.Compression#DEFLATE} (zlib, level 6) or
 * {@link io.logship.config.Compression#NONE}.
 *
 * <p><b>Limits:</b> a level outside the encoding's range is rejected at construction. The output is bounded by the
 * input (zstd's compress bound, deflate's growth), so no limit of its own. Runs on sender threads, never on an
 * event loop.
 */
package io.logship.agent.encode;
