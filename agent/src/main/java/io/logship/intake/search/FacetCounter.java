package io.logship.intake.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Counts a facet's values over matching documents from doc values, by ordinal per segment, then merges the
 * segments by value.
 *
 * <p>Exact for the values that are among the {@value #CANDIDATES_PER_SEGMENT} most frequent of each segment (all
 * of them for the usual fields: services, statuses, hosts); for a field with more distinct values per segment
 * (a request id), the rarer values are left out of the merge, so their counts may be low. Those are not facets
 * anyone clicks.
 */
final class FacetCounter {
    static final int CANDIDATES_PER_SEGMENT = 1000;

    /**
     * Counts of segments whose every live document matched (the empty query over a range that covers them: the
     * explorer's first view), by segment reader and field; a segment is immutable, and a new reader comes with
     * new deletes, so these stay exact. Dropped when the reader closes.
     */
    private final Map<IndexReader.CacheKey, Map<String, int[]>> wholeSegments = new ConcurrentHashMap<>();

    List<Facet.Value> top(List<MatchingDocs.Segment> segments, String field, int limit) throws IOException {
        Map<String, Long> totals = new HashMap<>();
        for (MatchingDocs.Segment segment : segments) {
            SortedSetDocValues values = DocValues.getSortedSet(segment.context().reader(), field);
            long valueCount = values.getValueCount();
            if (valueCount == 0) {
                continue;
            }
            int[] counts = counts(segment, field, values);
            for (int ord : candidates(counts)) {
                BytesRef value = values.lookupOrd(ord);
                totals.merge(value.utf8ToString(), (long) counts[ord], Long::sum);
            }
        }
        return totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(entry -> new Facet.Value(entry.getKey(), entry.getValue()))
                .toList();
    }

    private int[] counts(MatchingDocs.Segment segment, String field, SortedSetDocValues values) throws IOException {
        LeafReader reader = segment.context().reader();
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        boolean whole = helper != null && segment.count() == reader.numDocs();
        if (whole) {
            Map<String, int[]> byField = wholeSegments.get(helper.getKey());
            int[] cached = byField == null ? null : byField.get(field);
            if (cached != null) {
                return cached;
            }
        }
        int[] counts = new int[Math.toIntExact(values.getValueCount())];
        DocIdSetIterator docs = segment.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            if (values.advanceExact(doc)) {
                for (int i = 0, n = values.docValueCount(); i < n; i++) {
                    counts[(int) values.nextOrd()]++;
                }
            }
        }
        if (whole) {
            wholeSegments
                    .computeIfAbsent(helper.getKey(), key -> {
                        helper.addClosedListener(wholeSegments::remove);
                        return new ConcurrentHashMap<>();
                    })
                    .put(field, counts);
        }
        return counts;
    }

    /** The ordinals with a count, or the {@value #CANDIDATES_PER_SEGMENT} largest when there are more. */
    private static List<Integer> candidates(int[] counts) {
        List<Integer> ords = new ArrayList<>();
        for (int ord = 0; ord < counts.length; ord++) {
            if (counts[ord] > 0) {
                ords.add(ord);
            }
        }
        if (ords.size() > CANDIDATES_PER_SEGMENT) {
            ords.sort((a, b) -> Integer.compare(counts[b], counts[a]));
            return ords.subList(0, CANDIDATES_PER_SEGMENT);
        }
        return ords;
    }
}
