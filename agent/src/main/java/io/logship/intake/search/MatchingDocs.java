package io.logship.intake.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/** Collects the matching documents of each segment as a bit set, for counters that read doc values after. */
final class MatchingDocs extends SimpleCollector {
    /** One segment's matches. */
    record Segment(LeafReaderContext context, FixedBitSet docs, int count) {
        DocIdSetIterator iterator() {
            return new BitSetIterator(docs, count);
        }
    }

    private final List<Segment> segments = new ArrayList<>();
    private LeafReaderContext context;
    private FixedBitSet docs;
    private int count;

    @Override
    protected void doSetNextReader(LeafReaderContext next) {
        finishSegment();
        context = next;
        docs = new FixedBitSet(next.reader().maxDoc());
        count = 0;
    }

    @Override
    public void collect(int doc) {
        docs.set(doc);
        count++;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    List<Segment> segments() {
        finishSegment();
        return segments;
    }

    private void finishSegment() {
        if (context != null && count > 0) {
            segments.add(new Segment(context, docs, count));
        }
        context = null;
    }
}
