package io.logship.intake;

import java.util.Locale;

/** The request body encodings the intake decodes; anything else is answered 415. */
enum ContentEncoding {
    /** No compression: header absent, {@code identity} or {@code none}. */
    IDENTITY,
    /** {@code gzip} (RFC 1952). */
    GZIP,
    /** {@code deflate}: zlib-wrapped (RFC 1950), as the Datadog API means it; a raw deflate stream is accepted too. */
    DEFLATE,
    /** {@code zstd} (RFC 8878): the Datadog Agent's default since 7.67.0. */
    ZSTD;

    /**
     * Maps a {@code Content-Encoding} header value (case-insensitive, surrounding blanks ignored).
     *
     * @throws IntakeException 415 for any other value, including a list of several encodings
     */
    static ContentEncoding of(String header) throws IntakeException {
        if (header == null) {
            return IDENTITY;
        }
        switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "":
            case "identity":
            case "none":
                return IDENTITY;
            case "gzip":
            case "x-gzip":
                return GZIP;
            case "deflate":
                return DEFLATE;
            case "zstd":
                return ZSTD;
            default:
                throw new IntakeException(
                        415,
                        "unsupported Content-Encoding '" + abbreviate(header)
                                + "': expected gzip, deflate, zstd or identity");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
