package io.logship.config;

/**
 * The in-memory buffer between the inputs and the sender.
 *
 * @param maxBytes bytes of records held in memory at most; past it inputs apply {@code whenFull}
 * @param whenFull what inputs do when the buffer is full
 */
public record Buffer(long maxBytes, WhenFull whenFull) {
    /** 64 MiB keeps the agent's heap well under its 256 MiB RSS budget while absorbing a few seconds of outage. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    public static final WhenFull DEFAULT_WHEN_FULL = WhenFull.BLOCK;
}
