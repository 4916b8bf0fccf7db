package io.logship.logback.encoder;

import io.logship.schema.ReservedAttributes;

/** Where a JSON record puts the logger's and the thread's names: the one place the two JSON outputs differ. */
public enum LoggerFields {
    /** {@code "logger":"app.Worker","thread":"main"}: the JSON output ({@link JsonEncoder}). */
    FLAT,
    /**
     * {@code "logger":{"name":"app.Worker","thread_name":"main"}}: Datadog's {@code logger.name} and
     * {@code logger.thread_name} standard attributes (the Datadog output).
     */
    NESTED;

    /** The flat field holding the thread's name: {@value}. */
    public static final String THREAD = "thread";
    /** Inside {@code logger} when nested: the logger's name. */
    static final String NESTED_NAME = child(ReservedAttributes.LOGGER_NAME);
    /** Inside {@code logger} when nested: the thread's name. */
    static final String NESTED_THREAD_NAME = child(ReservedAttributes.LOGGER_THREAD_NAME);

    /** The part after the dot of a dotted attribute name: {@code error.kind} is {@code kind} in {@code error}. */
    static String child(String dotted) {
        return dotted.substring(dotted.indexOf('.') + 1);
    }
}
