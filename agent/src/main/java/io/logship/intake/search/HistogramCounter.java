package io.logship.intake.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/** Counts matching documents per time bucket and status, from the timestamp and status doc values. */
final class HistogramCounter {
    private HistogramCounter() {}

    static Histogram count(List<MatchingDocs.Segment> segments, long from, long to, int buckets) throws IOException {
        long interval = Math.max(1, (to - from + buckets - 1) / buckets);
        Map<String, long[]> byStatus = new HashMap<>();
        for (MatchingDocs.Segment segment : segments) {
            NumericDocValues timestamps = DocValues.getNumeric(segment.context().reader(), SearchFields.TIMESTAMP);
            SortedSetDocValues statuses =
                    DocValues.getSortedSet(segment.context().reader(), SearchFields.facetField("status"));
            int statusCount = Math.toIntExact(statuses.getValueCount()) + 1; // the last slot: no status
            long[] counts = new long[buckets * statusCount];
            DocIdSetIterator docs = segment.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (!timestamps.advanceExact(doc)) {
                    continue;
                }
                long bucket = (timestamps.longValue() - from) / interval;
                if (bucket < 0 || bucket >= buckets) {
                    continue;
                }
                int status = statuses.advanceExact(doc) ? (int) statuses.nextOrd() : statusCount - 1;
                counts[(int) bucket * statusCount + status]++;
            }
            for (int status = 0; status < statusCount; status++) {
                String name = status == statusCount - 1
                        ? SearchFields.DEFAULT_STATUS
                        : statuses.lookupOrd(status).utf8ToString().toLowerCase(Locale.ROOT);
                long[] total = byStatus.computeIfAbsent(name, ignored -> new long[buckets]);
                for (int bucket = 0; bucket < buckets; bucket++) {
                    total[bucket] += counts[bucket * statusCount + status];
                }
            }
        }
        List<Histogram.Bucket> result = new ArrayList<>(buckets);
        for (int bucket = 0; bucket < buckets; bucket++) {
            Map<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, long[]> status : byStatus.entrySet()) {
                long count = status.getValue()[bucket];
                if (count > 0) {
                    counts.put(status.getKey(), count);
                }
            }
            result.add(new Histogram.Bucket(from + bucket * interval, counts));
        }
        return new Histogram(interval, result);
    }
}
