package io.logship.agent.enrich;

import io.logship.schema.ReservedAttributes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The top-level keys the enricher fills in when a record lacks them, as bits of a mask: the intake's fields of
 * {@link ReservedAttributes#INTAKE_FIELDS} (Vector's {@code DD_RESERVED_SEMANTIC_ATTRS} plus {@code message}).
 */
final class ReservedKeys {
    static final int MESSAGE = 1;
    static final int STATUS = 1 << 1;
    static final int TIMESTAMP = 1 << 2;
    static final int HOSTNAME = 1 << 3;
    static final int SERVICE = 1 << 4;
    static final int DDSOURCE = 1 << 5;
    static final int DDTAGS = 1 << 6;
    /** Not a key: the object has at least one member, so spliced fields need a leading comma. */
    static final int ANY_FIELD = 1 << 7;

    private ReservedKeys() {}

    private static final byte[] MESSAGE_KEY = ascii(ReservedAttributes.MESSAGE);
    private static final byte[] STATUS_KEY = ascii(ReservedAttributes.STATUS);
    private static final byte[] TIMESTAMP_KEY = ascii(ReservedAttributes.TIMESTAMP);
    private static final byte[] HOSTNAME_KEY = ascii(ReservedAttributes.HOSTNAME);
    private static final byte[] SERVICE_KEY = ascii(ReservedAttributes.SERVICE);
    private static final byte[] DDSOURCE_KEY = ascii(ReservedAttributes.DDSOURCE);
    private static final byte[] DDTAGS_KEY = ascii(ReservedAttributes.DDTAGS);

    /** The bit of a top-level key given as its raw (unescaped) UTF-8 bytes, or 0 when it is not reserved. */
    static int bit(byte[] key, int off, int len) {
        switch (len) {
            case 6:
                return is(STATUS_KEY, key, off) ? STATUS : is(DDTAGS_KEY, key, off) ? DDTAGS : 0;
            case 7:
                return is(MESSAGE_KEY, key, off) ? MESSAGE : is(SERVICE_KEY, key, off) ? SERVICE : 0;
            case 8:
                return is(HOSTNAME_KEY, key, off) ? HOSTNAME : is(DDSOURCE_KEY, key, off) ? DDSOURCE : 0;
            case 9:
                return is(TIMESTAMP_KEY, key, off) ? TIMESTAMP : 0;
            default:
                return 0;
        }
    }

    private static boolean is(byte[] name, byte[] key, int off) {
        return Arrays.equals(name, 0, name.length, key, off, off + name.length);
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bit of a top-level key, or 0 when it is not reserved. */
    static int bit(String key) {
        switch (key) {
            case ReservedAttributes.MESSAGE:
                return MESSAGE;
            case ReservedAttributes.STATUS:
                return STATUS;
            case ReservedAttributes.TIMESTAMP:
                return TIMESTAMP;
            case ReservedAttributes.HOSTNAME:
                return HOSTNAME;
            case ReservedAttributes.SERVICE:
                return SERVICE;
            case ReservedAttributes.DDSOURCE:
                return DDSOURCE;
            case ReservedAttributes.DDTAGS:
                return DDTAGS;
            default:
                return 0;
        }
    }
}
