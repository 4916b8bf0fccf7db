package io.logship.intake;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter over stored records; every criterion is optional and they combine with AND. Results come newest first.
 *
 * @param service exact {@code service}
 * @param status  exact {@code status}, compared case-insensitively
 * @param text    a substring of {@code message} or of any attribute (the record's JSON text, so {@code error.kind},
 *                {@code error.stack} and custom attributes too, as well as attribute names), compared
 *                case-insensitively
 * @param from    records whose timestamp is at or after this instant
 * @param to      records whose timestamp is before this instant
 * @param limit   the most records returned, 1..{@value #MAX_LIMIT}
 */
public record RecordQuery(
        Optional<String> service,
        Optional<String> status,
        Optional<String> text,
        Optional<Instant> from,
        Optional<Instant> to,
        int limit) {

    /** The default number of records returned. */
    public static final int DEFAULT_LIMIT = 100;

    /** The most records one query returns, so a query cannot pull the whole store into memory. */
    public static final int MAX_LIMIT = 10_000;

    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** Every record, newest {@value #DEFAULT_LIMIT} first. */
    public static RecordQuery all() {
        return new RecordQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_LIMIT);
    }

    public RecordQuery withService(String value) {
        return new RecordQuery(Optional.of(value), status, text, from, to, limit);
    }

    public RecordQuery withStatus(String value) {
        return new RecordQuery(service, Optional.of(value), text, from, to, limit);
    }

    public RecordQuery withText(String value) {
        return new RecordQuery(service, status, Optional.of(value), from, to, limit);
    }

    public RecordQuery withFrom(Instant value) {
        return new RecordQuery(service, status, text, Optional.of(value), to, limit);
    }

    public RecordQuery withTo(Instant value) {
        return new RecordQuery(service, status, text, from, Optional.of(value), limit);
    }

    public RecordQuery withLimit(int value) {
        return new RecordQuery(service, status, text, from, to, value);
    }
}
