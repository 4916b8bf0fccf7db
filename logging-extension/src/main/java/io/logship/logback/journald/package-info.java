/**
 * journald output: {@link io.logship.logback.journald.JournaldAppender} writes each record as one journal entry in
 * journald's native protocol ({@link io.logship.logback.journald.JournalEntryWriter}) to
 * {@code /run/systemd/journal/socket}, with key/values as upper-cased fields
 * ({@link io.logship.logback.journald.JournalFieldNames}).
 *
 * <p>In: logback events. Out: one datagram per event. Limit: {@code maxEntryBytes} (128 KiB by default); longer
 * entries have EXCEPTION_TEXT and then MESSAGE cut with a marker. Entries journald does not take are dropped at
 * once and counted. Needs netty's native unix socket (optional dependency), through
 * {@link io.logship.logback.syslog.UnixDatagramSender}.
 */
package io.logship.logback.journald;
