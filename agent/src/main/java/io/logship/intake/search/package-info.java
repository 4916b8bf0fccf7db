/**
 * The local intake's search: the explorer's query language ({@link io.logship.intake.search.QueryParser} →
 * {@link io.logship.intake.search.QueryNode} → {@link io.logship.intake.search.QueryTranslator}) and the Lucene
 * index that follows the intake's store ({@link io.logship.intake.search.SearchIndex}), with its counters for
 * facets and the histogram.
 */
package io.logship.intake.search;
