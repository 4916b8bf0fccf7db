package io.logship.intake.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
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

    private FacetCounter() {}

    static List<Facet.Value> top(List<MatchingDocs.Segment> segments, String field, int limit) throws IOException {
        Map<String, Long> totals = new HashMap<>();
        for (MatchingDocs.Segment segment : segments) {
            SortedSetDocValues values = DocValues.getSortedSet(segment.context().reader(), field);
            long valueCount = values.getValueCount();
            if (valueCount == 0) {
                continue;
            }
            int[] counts = new int[Math.toIntExact(valueCount)];
            DocIdSetIterator docs = segment.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (values.advanceExact(doc)) {
                    for (int i = 0, n = values.docValueCount(); i < n; i++) {
                        counts[(int) values.nextOrd()]++;
                    }
                }
            }
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
