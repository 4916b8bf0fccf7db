package io.logship.intake.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a stored record into its index document (field names in {@link SearchFields}): id and timestamp, the four
 * reserved facets, each attribute leaf by dotted path as an exact lower-cased keyword, every string and number
 * value as free text, tags, and facet doc values for short attribute values.
 */
final class RecordDocuments {
    /** A record's attributes that become facet doc values, at most; the rest stay searchable. */
    static final int MAX_FACETS_PER_RECORD = 50;

    private static final JsonFactory JSON = new JsonFactory();

    private RecordDocuments() {}

    static Document of(StoredRecord record) {
        Document doc = new Document();
        doc.add(new LongPoint(SearchFields.ID, record.id()));
        doc.add(new NumericDocValuesField(SearchFields.ID, record.id()));
        long ts = record.timestamp().toEpochMilli();
        doc.add(new LongPoint(SearchFields.TIMESTAMP, ts));
        doc.add(new NumericDocValuesField(SearchFields.TIMESTAMP, ts));
        reserved(doc, "service", record.service());
        reserved(doc, "status", record.status() == null ? SearchFields.DEFAULT_STATUS : record.status());
        reserved(doc, "host", record.hostname());
        reserved(doc, "source", record.ddsource());
        if (record.ddtags() != null) {
            for (String tag : record.ddtags().split(",")) {
                String trimmed = tag.trim();
                if (!trimmed.isEmpty()) {
                    doc.add(new StringField(SearchFields.TAG, SearchFields.keyword(trimmed), Field.Store.NO));
                }
            }
        }
        attributes(doc, record.json());
        return doc;
    }

    private static void reserved(Document doc, String name, String value) {
        if (value == null) {
            return;
        }
        doc.add(new StringField(SearchFields.keywordField(name), SearchFields.keyword(value), Field.Store.NO));
        if (value.length() <= SearchFields.MAX_FACET_VALUE_CHARS) {
            doc.add(new SortedSetDocValuesField(SearchFields.facetField(name), new BytesRef(value)));
        }
    }

    /** Walks the JSON object's leaves; a record the store accepted is valid JSON, so a parse error is a bug. */
    private static void attributes(Document doc, String json) {
        Set<String> present = new HashSet<>();
        Set<String> facets = new HashSet<>();
        Deque<String> path = new ArrayDeque<>();
        int depth = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> {
                        if (depth++ > 0) {
                            path.addLast(nameOf(parser.getParsingContext().getParent()));
                        }
                    }
                    case END_OBJECT -> {
                        if (--depth > 0) {
                            path.removeLast();
                        }
                    }
                    case FIELD_NAME, START_ARRAY, END_ARRAY, VALUE_NULL, NOT_AVAILABLE, VALUE_EMBEDDED_OBJECT -> {
                        // structure only; a null is an absent value; array elements keep the array's path
                    }
                    default ->
                        leaf(
                                doc,
                                pathOf(path, nameOf(parser.getParsingContext())),
                                parser.getText(),
                                token,
                                present,
                                facets);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored record is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The field name a value or object belongs to: that of the nearest enclosing object (arrays are skipped). */
    private static String nameOf(JsonStreamContext context) {
        JsonStreamContext current = context;
        while (current != null && current.inArray()) {
            current = current.getParent();
        }
        String name = current == null ? null : current.getCurrentName();
        return name == null ? "" : name;
    }

    private static String pathOf(Deque<String> path, String name) {
        if (path.isEmpty()) {
            return "@" + name;
        }
        StringBuilder dotted = new StringBuilder("@");
        for (String part : path) {
            dotted.append(part).append('.');
        }
        return dotted.append(name).toString();
    }

    private static void leaf(
            Document doc, String path, String value, JsonToken token, Set<String> present, Set<String> facets) {
        doc.add(new StringField(path, SearchFields.keyword(value), Field.Store.NO));
        if (present.add(path)) {
            doc.add(new StringField(SearchFields.PRESENT, path, Field.Store.NO));
        }
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            doc.add(new TextField(SearchFields.TEXT, value, Field.Store.NO));
        }
        if (value.length() <= SearchFields.MAX_FACET_VALUE_CHARS
                && !SearchFields.NOT_FACETS.contains(path)
                && (facets.contains(path) || facets.size() < MAX_FACETS_PER_RECORD)) {
            if (facets.add(path)) {
                doc.add(new SortedSetDocValuesField(SearchFields.FACETABLE, new BytesRef(path)));
            }
            doc.add(new SortedSetDocValuesField(SearchFields.facetField(path), new BytesRef(value)));
        }
    }
}
