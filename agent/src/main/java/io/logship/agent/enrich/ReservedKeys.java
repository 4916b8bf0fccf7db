package io.logship.agent.enrich;

/**
 * The top-level keys the enricher fills in when a record lacks them, as bits of a mask; Vector's
 * {@code DD_RESERVED_SEMANTIC_ATTRS} plus {@code message}.
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

    /** The bit of a top-level key, or 0 when it is not reserved. */
    static int bit(String key) {
        switch (key) {
            case "message": return MESSAGE;
            case "status": return STATUS;
            case "timestamp": return TIMESTAMP;
            case "hostname": return HOSTNAME;
            case "service": return SERVICE;
            case "ddsource": return DDSOURCE;
            case "ddtags": return DDTAGS;
            default: return 0;
        }
    }
}
