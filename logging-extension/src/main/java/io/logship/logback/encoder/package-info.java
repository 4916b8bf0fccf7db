/**
 * Text and JSON renderings of a logging event; ordinary logback components usable from {@code logback.xml}.
 *
 * <p>What enters: an {@link ch.qos.logback.classic.spi.ILoggingEvent}. What leaves: one record as a {@code String}
 * ({@link io.logship.logback.encoder.TextLayout}) or as UTF-8 bytes ending in {@code \n} ({@link
 * io.logship.logback.encoder.TextEncoder}, {@link io.logship.logback.encoder.JsonEncoder}). Key/value context comes
 * from {@link io.logship.logback.context.KeyValues}. Failure mode: a value whose {@code toString()} (or JSON
 * rendering) throws is rendered as {@code <toString() threw ...>}; no event is ever lost to a bad value, and nothing
 * here throws into the appender.
 */
package io.logship.logback.encoder;
