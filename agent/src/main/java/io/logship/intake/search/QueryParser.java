package io.logship.intake.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the explorer's query language, a subset of Datadog's Log Explorer search syntax, into a {@link QueryNode}.
 *
 * <pre>
 * query   := or
 * or      := and ("OR" and)*
 * and     := unary (["AND"] unary)*          terms side by side are ANDed
 * unary   := "-" unary | "NOT" unary | primary
 * primary := "(" or ")" | term
 * term    := [field ":"] (word | "quoted phrase")
 * field   := "@" dotted.path | service | status | host | source | any other name (a tag, like env:prod)
 * </pre>
 *
 * <p>A {@code \} makes the next character literal (a space, a quote, a colon, a {@code *}, a parenthesis); an
 * unescaped {@code *} in a word is a wildcard (not inside quotes). {@code AND}, {@code OR} and {@code NOT} are
 * operators only in upper case. An empty or blank query matches everything.
 *
 * <p><b>Failure mode:</b> {@link QuerySyntaxException} with a one-line message naming the problem and its
 * 1-based character position (unclosed quote or parenthesis, a field without value, a lone {@code -}, ...).
 */
public final class QueryParser {
    /** Longer queries are refused: nobody types them, and they bound the work one request can ask for. */
    public static final int MAX_LENGTH = 4096;

    private final String text;
    private int pos;

    private QueryParser(String text) {
        this.text = text;
    }

    public static QueryNode parse(String query) throws QuerySyntaxException {
        if (query.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("the query is longer than " + MAX_LENGTH + " characters");
        }
        QueryParser parser = new QueryParser(query);
        parser.skipSpaces();
        if (parser.atEnd()) {
            return new QueryNode.MatchAll();
        }
        QueryNode node = parser.or();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected ')'"); // or() stops only at the end, at ')' or before a bad operand
        }
        return node;
    }

    private QueryNode or() throws QuerySyntaxException {
        List<QueryNode> nodes = new ArrayList<>();
        nodes.add(and());
        while (keywordAhead("OR")) {
            pos += 2;
            nodes.add(and());
        }
        return nodes.size() == 1 ? nodes.get(0) : new QueryNode.Or(List.copyOf(nodes));
    }

    private QueryNode and() throws QuerySyntaxException {
        List<QueryNode> nodes = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd() || peek() == ')' || keywordAhead("OR")) {
                break;
            }
            if (keywordAhead("AND")) {
                if (nodes.isEmpty()) {
                    throw error("'AND' needs a term before it");
                }
                pos += 3;
                skipSpaces();
                if (atEnd() || peek() == ')' || keywordAhead("OR") || keywordAhead("AND")) {
                    throw error("'AND' needs a term after it");
                }
            }
            nodes.add(unary());
        }
        if (nodes.isEmpty()) {
            if (atEnd()) {
                throw error("expected a term at the end of the query");
            }
            throw error(peek() == ')' ? "expected a term before ')'" : "'OR' needs a term on each side");
        }
        return nodes.size() == 1 ? nodes.get(0) : new QueryNode.And(List.copyOf(nodes));
    }

    private QueryNode unary() throws QuerySyntaxException {
        skipSpaces();
        if (!atEnd() && peek() == '-') {
            if (pos + 1 >= text.length()
                    || Character.isWhitespace(text.charAt(pos + 1))
                    || text.charAt(pos + 1) == ')') {
                throw error("'-' must be followed by a term, without a space (like -status:info)");
            }
            pos++;
            return new QueryNode.Not(unary());
        }
        if (keywordAhead("NOT")) {
            pos += 3;
            skipSpaces();
            if (atEnd() || peek() == ')') {
                throw error("'NOT' needs a term after it");
            }
            return new QueryNode.Not(unary());
        }
        return primary();
    }

    private QueryNode primary() throws QuerySyntaxException {
        char c = peek();
        if (c == '(') {
            int open = pos;
            pos++;
            skipSpaces();
            if (!atEnd() && peek() == ')') {
                throw error("empty parentheses");
            }
            QueryNode inner = or();
            skipSpaces();
            if (atEnd()) {
                throw new QuerySyntaxException("unclosed '(' at position " + (open + 1));
            }
            pos++; // the ')' that stopped or()
            return inner;
        }
        if (c == ')') {
            throw error("unexpected ')'");
        }
        if (c == '"') {
            return new QueryNode.Term(null, quoted(), true, false);
        }
        return word();
    }

    /** A word, possibly {@code field:value} where the value may be quoted. */
    private QueryNode word() throws QuerySyntaxException {
        int start = pos;
        String field = null;
        StringBuilder plain = new StringBuilder();
        StringBuilder pattern = new StringBuilder();
        boolean wildcard = false;
        while (!atEnd() && !isBoundary(peek())) {
            char c = peek();
            if (c == '\\') {
                if (pos + 1 >= text.length()) {
                    throw error("'\\' at the end of the query escapes nothing");
                }
                char escaped = text.charAt(pos + 1);
                plain.append(escaped);
                appendLiteral(pattern, escaped);
                pos += 2;
            } else if (c == ':' && field == null) {
                field = fieldName(plain.toString(), start);
                pos++;
                if (atEnd() || isBoundary(peek())) {
                    throw new QuerySyntaxException("missing value after '" + text.substring(start, pos)
                            + "' at position " + (start + 1) + " (quote it to search for an empty value)");
                }
                if (peek() == '"') {
                    return new QueryNode.Term(field, quoted(), true, false);
                }
                plain.setLength(0);
                pattern.setLength(0);
                wildcard = false;
            } else if (c == '*') {
                plain.append(c);
                pattern.append(c);
                wildcard = true;
                pos++;
            } else {
                plain.append(c);
                appendLiteral(pattern, c);
                pos++;
            }
        }
        return new QueryNode.Term(field, wildcard ? pattern.toString() : plain.toString(), false, wildcard);
    }

    private static void appendLiteral(StringBuilder pattern, char c) {
        if (c == '*' || c == '?' || c == '\\') {
            pattern.append('\\');
        }
        pattern.append(c);
    }

    private static String fieldName(String name, int start) throws QuerySyntaxException {
        if (name.isEmpty()) {
            throw new QuerySyntaxException("missing field name before ':' at position " + (start + 1));
        }
        if (name.equals("@")) {
            throw new QuerySyntaxException("missing attribute name after '@' at position " + (start + 1));
        }
        return name.startsWith("@") ? name : name.toLowerCase(Locale.ROOT);
    }

    /** A quoted string starting at {@code pos}, unescaped; {@code pos} ends past the closing quote. */
    private String quoted() throws QuerySyntaxException {
        int open = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new QuerySyntaxException("unclosed quote starting at position " + (open + 1));
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw new QuerySyntaxException("unclosed quote starting at position " + (open + 1));
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        if (!atEnd() && !isBoundary(peek())) {
            throw error("expected a space after the closing quote");
        }
        if (value.isEmpty()) {
            throw new QuerySyntaxException("empty quotes at position " + (open + 1));
        }
        return value.toString();
    }

    private boolean keywordAhead(String keyword) {
        if (!text.startsWith(keyword, pos)) {
            return false;
        }
        int end = pos + keyword.length();
        return end == text.length() || isBoundary(text.charAt(end));
    }

    private static boolean isBoundary(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')';
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private QuerySyntaxException error(String message) {
        return new QuerySyntaxException(message + " at position " + (pos + 1));
    }
}
