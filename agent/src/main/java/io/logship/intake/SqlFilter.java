package io.logship.intake;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link RecordQuery} into a parameterized WHERE clause; user text never enters the SQL string.
 *
 * <p>The text filter ({@code q}) is a case-insensitive substring of the message or of the record's JSON text: a
 * full scan (no index, see {@link IntakeStore}), fine for a local intake, not for millions of records (issue 16).
 */
final class SqlFilter {
    private final String where;
    private final List<Object> parameters;

    private SqlFilter(String where, List<Object> parameters) {
        this.where = where;
        this.parameters = parameters;
    }

    static SqlFilter of(RecordQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        query.service().ifPresent(service -> {
            conditions.add("service = ?");
            parameters.add(service);
        });
        query.status().ifPresent(status -> {
            conditions.add("LOWER(status) = LOWER(?)");
            parameters.add(status);
        });
        query.text().ifPresent(text -> {
            // message: its decoded text (a record may have sent it with unicode escapes); json: the record as
            // received, so error.kind, error.stack and every other attribute value match too, with the text escaped
            // as JSON writes it (a quote, a backslash, a newline). Keys match as well: q=service finds every record
            // that has one.
            conditions.add("(message ILIKE ? ESCAPE '\\' OR json ILIKE ? ESCAPE '\\')");
            parameters.add("%" + escapeLike(text) + "%");
            parameters.add("%" + escapeLike(jsonEscape(text)) + "%");
        });
        query.from().ifPresent(from -> {
            conditions.add("ts >= ?");
            parameters.add(from.toEpochMilli());
        });
        query.to().ifPresent(to -> {
            conditions.add("ts < ?");
            parameters.add(to.toEpochMilli());
        });
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new SqlFilter(where, parameters);
    }

    /** The clause, with a leading space, or an empty string. */
    String where() {
        return where;
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }

    /** {@code text} as it appears inside a JSON string written by a standard encoder, without the quotes. */
    static String jsonEscape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally in LIKE. */
    static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
