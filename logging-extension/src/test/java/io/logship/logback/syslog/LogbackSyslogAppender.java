package io.logship.logback.syslog;

import ch.qos.logback.classic.net.SyslogAppender;

/** logback's own RFC 3164 appender under a name of its own: in this package, {@code SyslogAppender} is ours. */
final class LogbackSyslogAppender extends SyslogAppender {}
