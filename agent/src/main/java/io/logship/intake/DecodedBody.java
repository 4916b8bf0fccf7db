package io.logship.intake;

/**
 * An uncompressed request body: {@code length} bytes of {@code bytes} from index 0. The array may be longer than the
 * body; only the first {@code length} bytes count.
 */
record DecodedBody(byte[] bytes, int length) {}
