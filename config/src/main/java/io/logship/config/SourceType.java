package io.logship.config;

/** The {@code type:} of a {@code logs:} entry; it chooses the {@link LogSource} variant. */
public enum SourceType {
    /** A TCP listener ({@link SocketSource}). */
    TCP,
    /** A UDP listener ({@link SocketSource}). */
    UDP,
    /** Files matching a glob, tailed ({@link FileSource}). */
    FILE
}
