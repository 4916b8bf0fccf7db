package io.logship.intake.search;

/** A query that {@link QueryParser} cannot read; the message says what and where (1-based character position). */
public final class QuerySyntaxException extends Exception {
    public QuerySyntaxException(String message) {
        super(message);
    }
}
