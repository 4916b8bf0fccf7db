package io.logship.intake;

/**
 * One log object taken from a request body: its reserved attributes (each {@code null} when absent) and where its
 * full JSON text sits in the decoded body.
 *
 * @param timestampMillis the {@code timestamp} attribute in epoch milliseconds, or {@code null} when absent or
 *                        unreadable (the receive time is used then)
 * @param jsonStart       index of the object's {@code '{'} in the decoded body
 * @param jsonEnd         index just past its {@code '}'}
 */
record ParsedRecord(
        String message,
        String status,
        String service,
        String hostname,
        String ddsource,
        String ddtags,
        Long timestampMillis,
        int jsonStart,
        int jsonEnd) {}
