package io.logship.loadgen;

/** What fills each generated line up to its length. */
public enum Pad {
    /** Repeated English-like words: compresses well, like real log messages (zstd ratio around 10x or more). */
    TEXT,
    /** Random hexadecimal digits: compresses poorly (about 2x), a worst case for the agent's compressor. */
    HEX
}
