package io.logship.logback.syslog;

/** How messages are delimited on a stream transport (TCP, unix stream socket), per RFC 6587 §3.4. */
public enum Framing {
    /**
     * {@code MSG-LEN SP SYSLOG-MSG} (RFC 6587 §3.4.1, also RFC 5425). Messages may contain newlines. What syslog-ng's
     * {@code syslog(transport("tcp"))} source and rsyslog's {@code imtcp} expect.
     */
    OCTET_COUNTING,
    /**
     * {@code SYSLOG-MSG LF} (RFC 6587 §3.4.2). A newline inside a message would split it, so each {@code LF} in the
     * message is sent as a space. What syslog-ng's {@code unix-stream()} and {@code network(transport("tcp"))}
     * sources read.
     */
    NON_TRANSPARENT
}
