package io.logship.intake.search;

import org.apache.lucene.analysis.Analyzer;

/**
 * The analyzer of the free-text field: {@link AlphanumericTokenizer}, and a wide position gap between the values
 * of one record, so a phrase never matches across two attributes.
 */
public final class LogAnalyzer extends Analyzer {
    static final int POSITION_GAP = 100;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new AlphanumericTokenizer());
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return POSITION_GAP;
    }
}
