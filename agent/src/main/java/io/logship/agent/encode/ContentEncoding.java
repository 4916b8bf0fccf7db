package io.logship.agent.encode;

/**
 * How a payload is compressed, with its HTTP {@code Content-Encoding} token and level range.
 *
 * <p>The intake accepts {@code zstd} (the Datadog Agent's default since 7.67.0), {@code gzip} and {@code deflate}
 * (zlib-wrapped, RFC 1950, as Go's {@code compress/zlib} reads it), or an uncompressed body.
 */
public enum ContentEncoding {
    /** Zstandard; level 1 by default, the Datadog Agent's {@code zstd_compression_level} (~2 GB/s here). */
    ZSTD("zstd", 1, 1, 22),
    /** gzip (RFC 1952); level 6 by default, the Datadog Agent's {@code compression_level}. */
    GZIP("gzip", 6, 1, 9),
    /** zlib (RFC 1950), sent as {@code deflate}; level 6 by default. */
    DEFLATE("deflate", 6, 1, 9),
    /** No compression, no {@code Content-Encoding} header. */
    NONE(null, 0, 0, 0);

    private final String token;
    private final int defaultLevel;
    private final int minLevel;
    private final int maxLevel;

    ContentEncoding(String token, int defaultLevel, int minLevel, int maxLevel) {
        this.token = token;
        this.defaultLevel = defaultLevel;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    /** The {@code Content-Encoding} header value, or null for {@link #NONE} (no header). */
    public String headerValue() {
        return token;
    }

    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * Checks a level against this encoding's range.
     *
     * @throws IllegalArgumentException naming the range and the value
     */
    public int checkLevel(int level) {
        if (level < minLevel || level > maxLevel) {
            throw new IllegalArgumentException(
                    name().toLowerCase(java.util.Locale.ROOT) + " level must be in " + minLevel + ".." + maxLevel + ": "
                            + level);
        }
        return level;
    }
}
