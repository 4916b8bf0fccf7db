package io.logship.intake;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link RecordQuery} into a parameterized WHERE clause; user text never enters the SQL string. */
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
            conditions.add("message ILIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(text) + "%");
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
