package io.logship.intake;

import io.logship.intake.search.QueryNode;
import io.logship.intake.search.QueryParser;
import io.logship.intake.search.QuerySyntaxException;
import io.logship.intake.search.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the explorer routes' URL parameters ({@code query}, {@code from}, {@code to}, {@code limit}, {@code cursor},
 * {@code buckets}, {@code after}), each route accepting its own set.
 *
 * <p><b>Failure mode:</b> an unknown, repeated or unreadable parameter → {@link IntakeException} 400 naming the
 * parameter. Empty values mean the default.
 */
final class ExplorerParams {
    /** The time range when the request names none: the last 15 minutes. */
    static final Duration DEFAULT_RANGE = Duration.ofMinutes(15);

    static final int MAX_LIMIT = 1000;
    static final int MAX_BUCKETS = 1000;

    private final Map<String, List<String>> params;

    private ExplorerParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** Checks that only {@code allowed} parameters are present, each once. */
    static ExplorerParams of(Map<String, List<String>> params, Set<String> allowed) throws IntakeException {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (!allowed.contains(param.getKey())) {
                throw new IntakeException(
                        400,
                        "unknown query parameter '" + shorten(param.getKey()) + "': expected "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (param.getValue().size() > 1) {
                throw new IntakeException(400, "query parameter '" + param.getKey() + "' is given more than once");
            }
        }
        return new ExplorerParams(params);
    }

    private String value(String name) {
        List<String> values = params.get(name);
        return values == null || values.get(0).trim().isEmpty()
                ? null
                : values.get(0).trim();
    }

    QueryNode query() throws IntakeException {
        String text = value("query");
        try {
            return QueryParser.parse(text == null ? "" : text);
        } catch (QuerySyntaxException e) {
            throw new IntakeException(400, "query parameter 'query': " + e.getMessage());
        }
    }

    /** {@code [from, to)} in epoch ms: defaults to the last {@link #DEFAULT_RANGE} up to {@code now}. */
    long[] range(long now) throws IntakeException {
        Long to = millis("to");
        long end = to == null ? now : to;
        Long from = millis("from");
        long start = from == null ? end - DEFAULT_RANGE.toMillis() : from;
        if (start >= end) {
            throw new IntakeException(400, "query parameter 'from' must be before 'to': " + start + " >= " + end);
        }
        return new long[] {start, end};
    }

    int integer(String name, int defaultValue, int min, int max) throws IntakeException {
        String text = value(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new IntakeException(
                400,
                "query parameter '" + name + "' must be an integer between " + min + " and " + max + ": '"
                        + shorten(text) + "'");
    }

    /** {@code after}: an id, or {@code null} when absent. */
    Long after() throws IntakeException {
        String text = value("after");
        if (text == null) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IntakeException(
                400, "query parameter 'after' must be a record id (0 or more): '" + shorten(text) + "'");
    }

    /** {@code cursor}: where the previous page ended, or {@code null}. */
    SearchIndex.Hit cursor() throws IntakeException {
        String text = value("cursor");
        return text == null ? null : decodeCursor(text);
    }

    /** The opaque cursor of the page after {@code last}: {@code <timestamp>_<id>}. */
    static String encodeCursor(SearchIndex.Hit last) {
        return last.timestamp() + "_" + last.id();
    }

    static SearchIndex.Hit decodeCursor(String text) throws IntakeException {
        int separator = text.indexOf('_');
        try {
            if (separator > 0) {
                return new SearchIndex.Hit(
                        Long.parseLong(text.substring(separator + 1)), Long.parseLong(text.substring(0, separator)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IntakeException(
                400, "query parameter 'cursor' is not a cursor from a previous answer: '" + shorten(text) + "'");
    }

    private Long millis(String name) throws IntakeException {
        String text = value(name);
        if (text == null) {
            return null;
        }
        Long millis = Timestamps.parseMillis(text);
        if (millis == null) {
            throw new IntakeException(
                    400,
                    "query parameter '" + name + "' must be an ISO-8601 instant or epoch milliseconds: '"
                            + shorten(text) + "'");
        }
        return millis;
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
