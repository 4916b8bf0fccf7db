package io.logship.logback.syslog;

import java.io.IOException;

/**
 * Hands whole, already formatted messages to a local or remote daemon.
 *
 * <p>Contract: {@link #send} returns normally once the OS has the message, and throws {@link IOException} when
 * the message was not sent (it is then lost: senders do not queue or retry). Implementations are thread-safe and
 * bound the time a call may block (see each one). {@link #close} is idempotent and never throws.
 */
public interface MessageSender extends AutoCloseable {

    /** Sends {@code message[0..length)} as one message. */
    void send(byte[] message, int length) throws IOException;

    @Override
    void close();
}
