package io.logship.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link RecordQuery} from URL query parameters: {@code service}, {@code status}, {@code q} (text),
 * {@code from}, {@code to} (ISO-8601 or epoch milliseconds) and {@code limit}.
 *
 * <p><b>Failure mode:</b> an unknown, repeated or unreadable parameter → {@link IntakeException} 400 naming the
 * parameter and the value. Empty values mean "no filter", as an HTML form sends them.
 */
final class RecordQueryParams {
    static final Set<String> NAMES = Set.of("service", "status", "q", "from", "to", "limit");

    private RecordQueryParams() {}

    static RecordQuery parse(Map<String, List<String>> params) throws IntakeException {
        RecordQuery query = RecordQuery.all();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (!NAMES.contains(name)) {
                throw new IntakeException(
                        400,
                        "unknown query parameter '" + shorten(name)
                                + "': expected service, status, q, from, to or limit");
            }
            if (param.getValue().size() > 1) {
                throw new IntakeException(400, "query parameter '" + name + "' is given more than once");
            }
            String value = param.getValue().get(0);
            if (value.isEmpty()) {
                continue;
            }
            query = apply(query, name, value);
        }
        return query;
    }

    private static RecordQuery apply(RecordQuery query, String name, String value) throws IntakeException {
        switch (name) {
            case "service":
                return query.withService(value);
            case "status":
                return query.withStatus(value);
            case "q":
                return query.withText(value);
            case "from":
                return query.withFrom(instant(name, value));
            case "to":
                return query.withTo(instant(name, value));
            case "limit":
                return query.withLimit(limit(value));
            default:
                throw new IllegalStateException("unhandled parameter " + name);
        }
    }

    private static Instant instant(String name, String value) throws IntakeException {
        Long millis = Timestamps.parseMillis(value);
        if (millis == null) {
            throw new IntakeException(
                    400,
                    "query parameter '" + name + "' must be an ISO-8601 instant or epoch " + "milliseconds: '"
                            + shorten(value) + "'");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static int limit(String value) throws IntakeException {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= RecordQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new IntakeException(
                400,
                "query parameter 'limit' must be an integer between 1 and " + RecordQuery.MAX_LIMIT + ": '"
                        + shorten(value) + "'");
    }

    private static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
