package io.logship.logback.datadog;

import io.logship.logback.encoder.RecordBuffer;
import java.io.IOException;

/**
 * The writer's link to the agent: open, check, write, close.
 *
 * <p><b>Error contract.</b> Every method but {@link #close()} throws {@link IOException} for any failure of the link
 * (refused, reset, peer closed, timed out, unresolvable host); the connection is then closed and the writer calls
 * {@link #open()} again after a backoff. Nothing else is thrown.
 *
 * <p>Used by the single writer thread; only {@link #close()} may be called from another thread (to abort a stuck
 * write at shutdown).
 */
public interface Connection {

    /** Opens a new link, closing any previous one. */
    void open() throws IOException;

    /** Whether a link is open (not known to be broken). */
    boolean isOpen();

    /**
     * Fails with {@link PeerClosedException} if the peer has closed the link, so that a batch is never written into a
     * dead TCP connection where the kernel would accept it and then lose it (daiquiri #46). Called before each batch.
     */
    void checkPeer() throws IOException;

    /**
     * Writes the records held in {@code buffer}: record {@code i} spans {@code [ends[i-1], ends[i])}, the first starts
     * at 0. Returns once every byte was handed to the kernel.
     */
    void write(RecordBuffer buffer, int[] ends, int count) throws IOException;

    /** The largest record this link can carry in one piece, in bytes ({@link Integer#MAX_VALUE} for a stream). */
    int maxRecordBytes();

    /** Closes the link; idempotent, never throws, callable from any thread. */
    void close();

    /** Thrown by {@link #checkPeer()} when the peer closed the connection. */
    final class PeerClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        PeerClosedException(String message) {
            super(message);
        }
    }
}
