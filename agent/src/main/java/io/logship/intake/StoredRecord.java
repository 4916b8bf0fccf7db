package io.logship.intake;

import java.time.Instant;

/**
 * One record as the local intake stored it.
 *
 * @param id         increasing with arrival order
 * @param receivedAt when the intake accepted the request
 * @param timestamp  the record's {@code timestamp} attribute, or {@code receivedAt} when it had none
 * @param route      the path it was posted to ({@code /api/v2/logs} or {@code /v1/input})
 * @param message    the {@code message} attribute ({@code null} when absent; raw JSON when it was an object)
 * @param json       the record's full JSON object, exactly as received
 */
public record StoredRecord(
        long id,
        Instant receivedAt,
        Instant timestamp,
        String route,
        String service,
        String status,
        String hostname,
        String ddsource,
        String ddtags,
        String message,
        String json) {}
