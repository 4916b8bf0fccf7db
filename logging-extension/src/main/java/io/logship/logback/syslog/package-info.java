/**
 * Syslog output: {@link io.logship.logback.syslog.SyslogAppender} turns each record into an RFC 5424 message
 * ({@link io.logship.logback.syslog.Rfc5424Formatter}) and hands it to a {@link
 * io.logship.logback.syslog.MessageSender}: UDP, TCP or a unix stream socket (JDK only), or a unix datagram socket
 * such as {@code /dev/log} (netty's native unix socket, an optional dependency).
 *
 * <p>In: logback events. Out: one syslog message per event, to a local or remote daemon. Limits: each message is
 * cut to {@code maxMessageBytes} (2048 bytes for UDP, 64 KiB otherwise); a send blocks at most the connect or write
 * timeout (1 s each by default), and after a failure the next connection attempt waits {@code reconnectDelay}.
 * What cannot be sent is dropped, never queued, and counted with rate-limited status warnings
 * ({@link io.logship.logback.syslog.OccurrenceReporter}).
 *
 * <p>The unix datagram sender, the severity table, the program-name default and the reporter are shared with
 * {@code io.logship.logback.journald}.
 */
package io.logship.logback.syslog;
