/**
 * Keyword context: the four ways a record gets key/value pairs, and the one place they are merged.
 *
 * <p>What enters: SLF4J 2 key/value pairs ({@code addKeyValue}, and the bound context a {@link
 * io.logship.logback.context.BoundLogger} adds the same way), {@link org.slf4j.event.KeyValuePair} arguments made with
 * {@link io.logship.logback.context.KeyValues#kv(String, Object)}, and scoped context from {@link
 * io.logship.logback.context.LogContext} (kept in the SLF4J MDC). What leaves: {@link
 * io.logship.logback.context.KeyValues#of(ch.qos.logback.classic.spi.ILoggingEvent)}, one list of unique keys that
 * every encoder and output renders; {@link io.logship.logback.context.KeyValueArgumentFilter} also copies {@code kv}
 * arguments into the event's SLF4J pairs, so encoders other than logship's see them. Scoped context crosses threads
 * with {@code LogContext.wrap(...)} or, through Micrometer Context Propagation, {@link
 * io.logship.logback.context.LogContextAccessor}. Nothing here does I/O; nothing here throws into a logging call.
 */
package io.logship.logback.context;
