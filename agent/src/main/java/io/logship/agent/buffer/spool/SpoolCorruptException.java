package io.logship.agent.buffer.spool;

import java.io.IOException;

/**
 * A pending spool entry whose bytes no longer check out (truncated or damaged on disk): it can never be sent, unlike
 * an entry that could not be read for a passing reason (descriptors exhausted, an I/O error), which is retried.
 */
public final class SpoolCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    SpoolCorruptException(String message) {
        super(message);
    }
}
