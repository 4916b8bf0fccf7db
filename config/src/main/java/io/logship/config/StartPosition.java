package io.logship.config;

/** Where a file source starts reading a file it has no checkpoint for. */
public enum StartPosition {
    /** At its end: only lines written from now on (for files present when the agent starts). */
    END,
    /** At its beginning: the whole file. */
    BEGINNING
}
