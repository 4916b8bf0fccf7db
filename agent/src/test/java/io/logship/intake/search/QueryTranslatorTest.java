package io.logship.intake.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTranslatorTest {

    private static String lucene(String query) throws QuerySyntaxException {
        return QueryTranslator.translate(QueryParser.parse(query)).toString();
    }

    @Test
    void tokenizerSplitsOnNonAlphanumericsAndLowercases() {
        assertThat(QueryTranslator.tokens("java.lang.IllegalStateException: x_y 42"))
                .containsExactly("java", "lang", "illegalstateexception", "x", "y", "42");
        assertThat(QueryTranslator.tokens("Ünïcode ÉTÉ")).containsExactly("ünïcode", "été");
        assertThat(QueryTranslator.tokens("a".repeat(300))).containsExactly("a".repeat(255), "a".repeat(45));
    }

    @Test
    void freeText() throws Exception {
        assertThat(lucene("Timeout")).isEqualTo("text:timeout");
        assertThat(lucene("java.lang.Foo")).isEqualTo("text:\"java lang foo\"");
        assertThat(lucene("\"card declined\"")).isEqualTo("text:\"card declined\"");
        assertThat(lucene("Illegal*")).isEqualTo("+text:illegal*");
        assertThat(lucene("java.lang.Ill*")).isEqualTo("+text:java +text:lang +text:ill*");
        assertThat(lucene("*")).isEqualTo("*:*");
        assertThat(lucene("...")).startsWith("MatchNoDocsQuery");
    }

    @Test
    void fields() throws Exception {
        assertThat(lucene("service:Checkout")).isEqualTo("service:checkout");
        assertThat(lucene("service:check*")).isEqualTo("service:check*");
        assertThat(lucene("service:*")).isEqualTo("FieldExistsQuery [field=f:service]");
        assertThat(lucene("@usr.id:JD")).isEqualTo("@usr.id:jd");
        assertThat(lucene("@usr.id:*")).isEqualTo("present:@usr.id");
        assertThat(lucene("env:Prod")).isEqualTo("tag:env:prod");
        assertThat(lucene("env:p*")).isEqualTo("tag:env:p*");
    }

    @Test
    void booleans() throws Exception {
        assertThat(lucene("a -b")).isEqualTo("+text:a -text:b");
        assertThat(lucene("-b")).isEqualTo("+*:* -text:b");
        assertThat(lucene("-a -b")).isEqualTo("-text:a -text:b +*:*");
        assertThat(lucene("a OR b")).isEqualTo("(text:a text:b)~1");
    }
}
