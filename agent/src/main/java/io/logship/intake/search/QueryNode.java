package io.logship.intake.search;

import java.util.List;

/**
 * A parsed explorer query ({@link QueryParser}): terms combined with AND, OR and NOT.
 *
 * <p>Values keep the case the user typed; matching is case-insensitive ({@link QueryTranslator}).
 */
public sealed interface QueryNode {

    /** The empty query: every record. */
    record MatchAll() implements QueryNode {}

    /**
     * One term.
     *
     * @param field    {@code null} for free text, {@code @dotted.path} for an attribute, a reserved facet name
     *                 ({@code service}, {@code status}, {@code host}, {@code source}) or any other name for a tag
     *                 ({@code env:prod} matches the tag {@code env:prod} in {@code ddtags})
     * @param value    the value, unescaped; when {@code wildcard}, {@code *} is a wildcard and a literal
     *                 {@code *} or {@code \} is escaped with {@code \} (Lucene's wildcard syntax)
     * @param phrase   the value was quoted: matched as a phrase (free text) or as an exact value (a field)
     * @param wildcard the value holds an unescaped {@code *}
     */
    record Term(String field, String value, boolean phrase, boolean wildcard) implements QueryNode {
        public boolean isFreeText() {
            return field == null;
        }
    }

    record Not(QueryNode node) implements QueryNode {}

    record And(List<QueryNode> nodes) implements QueryNode {}

    record Or(List<QueryNode> nodes) implements QueryNode {}
}
