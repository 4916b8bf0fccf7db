package io.logship.config;

/** The transport of a {@code logs:} source. */
public enum SourceType {
    TCP,
    UDP
}
