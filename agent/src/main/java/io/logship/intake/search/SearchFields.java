package io.logship.intake.search;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The index's field names and the rules that map a query's field to them; one place for both sides
 * ({@link RecordDocuments} writes them, {@link QueryTranslator} and the counters read them).
 */
final class SearchFields {
    /** The record's store id: points (range), doc values (sort). */
    static final String ID = "id";
    /** The record's own timestamp in epoch ms: points (range), doc values (sort, histogram). */
    static final String TIMESTAMP = "ts";
    /** Free text: every string and number value of the record, tokenized by {@link LogAnalyzer}. */
    static final String TEXT = "text";
    /** Each tag of {@code ddtags}, lower-cased, as {@code name:value}. */
    static final String TAG = "tag";
    /** The path of each attribute the record has ({@code @user}), for {@code @user:*}. */
    static final String PRESENT = "present";
    /** Doc values: the paths of the record's facetable attributes, to pick the most frequent ones. */
    static final String FACETABLE = "facetable";
    /** Prefix of the doc-values field that holds a facet's original values ({@code f:service}, {@code f:@user}). */
    static final String FACET_PREFIX = "f:";

    /** The reserved facets, in the order the explorer shows them: query name → the record's attribute. */
    static final Map<String, String> RESERVED = Map.of(
            "service", "service",
            "status", "status",
            "host", "hostname",
            "source", "ddsource");

    static final String[] RESERVED_ORDER = {"service", "status", "host", "source"};

    /** The status of a record without one, as Datadog shows it. */
    static final String DEFAULT_STATUS = "info";

    /** Attributes never offered as facets: long text, times, or already a reserved facet. */
    static final Set<String> NOT_FACETS = Set.of(
            "@message",
            "@timestamp",
            "@date",
            "@service",
            "@status",
            "@level",
            "@hostname",
            "@host",
            "@ddsource",
            "@source",
            "@ddtags",
            "@error.stack",
            "@error.message");

    /** Values longer than this are not facet values (a message-like text, a stack). */
    static final int MAX_FACET_VALUE_CHARS = 100;

    /** Keyword values are indexed and queried up to this many characters (Lucene caps a term at 32 KB). */
    static final int MAX_KEYWORD_CHARS = 1000;

    private SearchFields() {}

    static String facetField(String name) {
        return FACET_PREFIX + name;
    }

    /** A query field ({@code service}, {@code @user}) → the keyword field that holds its lower-cased values. */
    static String keywordField(String queryField) {
        return queryField;
    }

    static boolean isReserved(String queryField) {
        return RESERVED.containsKey(queryField);
    }

    static boolean isAttribute(String queryField) {
        return queryField.startsWith("@");
    }

    static String keyword(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() <= MAX_KEYWORD_CHARS ? lower : lower.substring(0, MAX_KEYWORD_CHARS);
    }
}
