package io.logship.intake.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.intake.search.QueryNode.And;
import io.logship.intake.search.QueryNode.MatchAll;
import io.logship.intake.search.QueryNode.Not;
import io.logship.intake.search.QueryNode.Or;
import io.logship.intake.search.QueryNode.Term;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParserTest {

    private static QueryNode parse(String query) throws QuerySyntaxException {
        return QueryParser.parse(query);
    }

    private static Term word(String value) {
        return new Term(null, value, false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void emptyOrBlankMatchesEverything(String query) throws Exception {
        assertThat(parse(query)).isEqualTo(new MatchAll());
    }

    @Test
    void freeTextWordsAreAnded() throws Exception {
        assertThat(parse("timeout  bank")).isEqualTo(new And(List.of(word("timeout"), word("bank"))));
        assertThat(parse("timeout")).isEqualTo(word("timeout"));
    }

    @Test
    void fieldsKeepTheirValueCase() throws Exception {
        assertThat(parse("service:Checkout")).isEqualTo(new Term("service", "Checkout", false, false));
        assertThat(parse("Status:error")).isEqualTo(new Term("status", "error", false, false));
        assertThat(parse("@http.status_code:500")).isEqualTo(new Term("@http.status_code", "500", false, false));
        assertThat(parse("@error.kind:java.lang.IllegalStateException"))
                .isEqualTo(new Term("@error.kind", "java.lang.IllegalStateException", false, false));
        assertThat(parse("env:prod")).isEqualTo(new Term("env", "prod", false, false));
    }

    @Test
    void theFirstColonSeparatesFieldFromValue() throws Exception {
        assertThat(parse("@url:http://x/y")).isEqualTo(new Term("@url", "http://x/y", false, false));
    }

    @Test
    void quotedPhrasesAndQuotedValues() throws Exception {
        assertThat(parse("\"card declined\"")).isEqualTo(new Term(null, "card declined", true, false));
        assertThat(parse("@msg:\"card declined\"")).isEqualTo(new Term("@msg", "card declined", true, false));
        assertThat(parse("\"say \\\"hi\\\" \\\\ now\"")).isEqualTo(new Term(null, "say \"hi\" \\ now", true, false));
        assertThat(parse("\"a*b\"")).isEqualTo(new Term(null, "a*b", true, false));
    }

    @Test
    void backslashEscapesInWords() throws Exception {
        assertThat(parse("a\\ b")).isEqualTo(word("a b"));
        assertThat(parse("@path:c\\:\\\\temp")).isEqualTo(new Term("@path", "c:\\temp", false, false));
        assertThat(parse("\\(x\\)")).isEqualTo(word("(x)"));
        assertThat(parse("a\\:b")).isEqualTo(word("a:b"));
    }

    @Test
    void wildcardsUseLuceneSyntaxWithLiteralsEscaped() throws Exception {
        assertThat(parse("service:check*")).isEqualTo(new Term("service", "check*", false, true));
        assertThat(parse("Illegal*")).isEqualTo(new Term(null, "Illegal*", false, true));
        assertThat(parse("a\\*b*")).isEqualTo(new Term(null, "a\\*b*", false, true));
        assertThat(parse("what?*")).isEqualTo(new Term(null, "what\\?*", false, true));
        assertThat(parse("a\\*b")).isEqualTo(word("a*b"));
        assertThat(parse("@user:*")).isEqualTo(new Term("@user", "*", false, true));
    }

    @Test
    void negation() throws Exception {
        assertThat(parse("-status:info")).isEqualTo(new Not(new Term("status", "info", false, false)));
        assertThat(parse("NOT timeout")).isEqualTo(new Not(word("timeout")));
        assertThat(parse("-\"card declined\"")).isEqualTo(new Not(new Term(null, "card declined", true, false)));
        assertThat(parse("-(a OR b)")).isEqualTo(new Not(new Or(List.of(word("a"), word("b")))));
        assertThat(parse("well-known")).isEqualTo(word("well-known"));
    }

    @Test
    void orBindsLooserThanAnd() throws Exception {
        assertThat(parse("a b OR c")).isEqualTo(new Or(List.of(new And(List.of(word("a"), word("b"))), word("c"))));
        assertThat(parse("a AND b")).isEqualTo(new And(List.of(word("a"), word("b"))));
        assertThat(parse("a (b OR c)")).isEqualTo(new And(List.of(word("a"), new Or(List.of(word("b"), word("c"))))));
        assertThat(parse("((a))")).isEqualTo(word("a"));
    }

    @Test
    void lowerCaseOperatorsAreWords() throws Exception {
        assertThat(parse("a or b")).isEqualTo(new And(List.of(word("a"), word("or"), word("b"))));
        assertThat(parse("ORDER")).isEqualTo(word("ORDER"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"card declined|unclosed quote starting at position 1",
                "service:|missing value after 'service:' at position 1",
                "a service: b|missing value after 'service:' at position 3",
                ":x|missing field name before ':' at position 1",
                "@:x|missing attribute name after '@' at position 1",
                "(a b|unclosed '(' at position 1",
                "a b)|unexpected ')' at position 4",
                "()|empty parentheses at position 2",
                "- a|'-' must be followed by a term",
                "a -|'-' must be followed by a term",
                "OR a|'OR' needs a term on each side at position 1",
                "a OR|expected a term at the end of the query",
                "AND a|'AND' needs a term before it",
                "a AND|'AND' needs a term after it",
                "NOT|'NOT' needs a term after it",
                "abc\\|'\\' at the end of the query escapes nothing",
                "\"\"|empty quotes at position 1",
                "\"a\"b|expected a space after the closing quote at position 4",
            })
    void garbageIsRefusedWithPosition(String query, String message) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining(message);
    }

    @Test
    void overlongQueriesAreRefused() {
        assertThatThrownBy(() -> parse("a ".repeat(QueryParser.MAX_LENGTH)))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("longer than " + QueryParser.MAX_LENGTH);
    }
}
