package io.logship.intake.search;

import java.util.List;

/**
 * One facet's most frequent values among the matching records.
 *
 * @param name   {@code service}, {@code status}, {@code host}, {@code source} or {@code @dotted.path}
 * @param values most frequent first (ties by value)
 */
public record Facet(String name, List<Value> values) {
    public record Value(String value, long count) {}
}
