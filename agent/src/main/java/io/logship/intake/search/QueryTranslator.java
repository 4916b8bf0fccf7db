package io.logship.intake.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * A {@link QueryNode} → a Lucene {@link Query} over the fields of {@link RecordDocuments}.
 *
 * <ul>
 *   <li>free text: its tokens ({@link LogAnalyzer}) as a term, or a phrase when there are several
 *       ({@code java.lang.Foo} and {@code "card declined"} are phrases); a wildcard word is split the same way and
 *       its pieces ANDed ({@code Illegal*} is one wildcard token)</li>
 *   <li>{@code service:x}, {@code @path:x}: the whole value, lower-cased, exactly or by wildcard;
 *       {@code field:*} means the field is present</li>
 *   <li>any other {@code name:value}: the tag {@code name:value} of {@code ddtags}</li>
 * </ul>
 */
public final class QueryTranslator {
    private static final Analyzer ANALYZER = new LogAnalyzer();

    private QueryTranslator() {}

    public static Query translate(QueryNode node) {
        if (node instanceof QueryNode.MatchAll) {
            return new MatchAllDocsQuery();
        }
        if (node instanceof QueryNode.Term term) {
            return term.isFreeText() ? freeText(term) : field(term);
        }
        if (node instanceof QueryNode.Not not) {
            return new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
                    .add(translate(not.node()), BooleanClause.Occur.MUST_NOT)
                    .build();
        }
        if (node instanceof QueryNode.And and) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            boolean positive = false;
            for (QueryNode child : and.nodes()) {
                if (child instanceof QueryNode.Not not) {
                    all.add(translate(not.node()), BooleanClause.Occur.MUST_NOT);
                } else {
                    all.add(translate(child), BooleanClause.Occur.MUST);
                    positive = true;
                }
            }
            if (!positive) {
                all.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            }
            return all.build();
        }
        if (node instanceof QueryNode.Or or) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (QueryNode child : or.nodes()) {
                any.add(translate(child), BooleanClause.Occur.SHOULD);
            }
            return any.setMinimumNumberShouldMatch(1).build();
        }
        throw new IllegalArgumentException("unknown query node " + node);
    }

    private static Query freeText(QueryNode.Term term) {
        if (term.wildcard()) {
            return freeWildcard(term.value().toLowerCase(Locale.ROOT));
        }
        List<String> tokens = tokens(term.value());
        if (tokens.isEmpty()) {
            return new MatchNoDocsQuery("no letters or digits in '" + term.value() + "'");
        }
        if (tokens.size() == 1) {
            return new TermQuery(new Term(SearchFields.TEXT, tokens.get(0)));
        }
        return new PhraseQuery(SearchFields.TEXT, tokens.toArray(String[]::new));
    }

    /** Splits a lower-cased wildcard pattern where the tokenizer would, keeping {@code *} inside pieces. */
    private static Query freeWildcard(String pattern) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i <= pattern.length(); i++) {
            char c = i < pattern.length() ? pattern.charAt(i) : ' ';
            if (c == '\\') {
                i++; // an escaped literal '*', '?' or '\' is not a letter or digit: a separator
                c = ' ';
            }
            if (c == '*' || Character.isLetterOrDigit(c)) {
                piece.append(c);
                continue;
            }
            String text = piece.toString();
            piece.setLength(0);
            if (text.isEmpty() || text.chars().allMatch(ch -> ch == '*')) {
                continue;
            }
            Term indexTerm = new Term(SearchFields.TEXT, text);
            all.add(
                    text.indexOf('*') >= 0 ? new WildcardQuery(indexTerm) : new TermQuery(indexTerm),
                    BooleanClause.Occur.MUST);
            any = true;
        }
        return any ? all.build() : new MatchAllDocsQuery();
    }

    private static Query field(QueryNode.Term term) {
        String field = term.field();
        boolean tag = !SearchFields.isReserved(field) && !SearchFields.isAttribute(field);
        if (term.wildcard() && term.value().equals("*")) {
            if (SearchFields.isReserved(field)) {
                return new FieldExistsQuery(SearchFields.facetField(field));
            }
            if (!tag) {
                return new TermQuery(new Term(SearchFields.PRESENT, field));
            }
        }
        if (tag) {
            String name = SearchFields.keyword(field) + ":";
            if (term.wildcard()) {
                return new WildcardQuery(new Term(SearchFields.TAG, escapeWildcard(name) + lower(term.value())));
            }
            return new TermQuery(new Term(SearchFields.TAG, SearchFields.keyword(name + term.value())));
        }
        String indexField = SearchFields.keywordField(field);
        if (term.wildcard()) {
            return new WildcardQuery(new Term(indexField, lower(term.value())));
        }
        return new TermQuery(new Term(indexField, SearchFields.keyword(term.value())));
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static String escapeWildcard(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(SearchFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tokenize a string in memory", e);
        }
        return tokens;
    }
}
