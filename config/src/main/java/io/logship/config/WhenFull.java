package io.logship.config;

/** What an input does when the agent's buffer is full. */
public enum WhenFull {
    /** Stop reading the connection until there is room: clients slow down, nothing is dropped. */
    BLOCK,
    /** Keep reading and drop the newest records, each one counted as an intentional drop. */
    DROP_NEWEST
}
