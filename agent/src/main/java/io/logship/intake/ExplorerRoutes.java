package io.logship.intake;

import io.logship.intake.search.Facet;
import io.logship.intake.search.Histogram;
import io.logship.intake.search.QueryTranslator;
import io.logship.intake.search.SearchIndex;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.lucene.search.Query;

/**
 * The explorer's JSON routes: search, facets, histogram, tail and summary, answered from the {@link SearchIndex}
 * (which records match, counts) and the {@link IntakeStore} (the records of a page, by id). The contract and the
 * query language are in the README ("Log explorer").
 *
 * <p><b>Failure mode:</b> a bad parameter → 400 {@code {"error": "..."}} naming it; an index or store failure →
 * 500 with the cause.
 */
final class ExplorerRoutes {
    static final String SEARCH = "/api/search";
    static final String FACETS = "/api/facets";
    static final String HISTOGRAM = "/api/histogram";
    static final String TAIL = "/api/tail";
    static final String SUMMARY = "/api/summary";

    static final Set<String> PATHS = Set.of(SEARCH, FACETS, HISTOGRAM, TAIL, SUMMARY);

    static final int DEFAULT_SEARCH_LIMIT = 50;
    static final int DEFAULT_TAIL_LIMIT = 200;
    static final int DEFAULT_BUCKETS = 60;
    static final int FACET_VALUES = 10;
    static final int ATTRIBUTE_FACETS = 8;

    private static final Set<String> RANGE = Set.of("query", "from", "to");
    private static final Set<String> SEARCH_PARAMS = Set.of("query", "from", "to", "limit", "cursor");
    private static final Set<String> HISTOGRAM_PARAMS = Set.of("query", "from", "to", "buckets");
    private static final Set<String> TAIL_PARAMS = Set.of("query", "after", "limit");

    private final LocalIntake intake;
    private final LongSupplier clock;

    ExplorerRoutes(LocalIntake intake, LongSupplier clock) {
        this.intake = intake;
        this.clock = clock;
    }

    IntakeResponse handle(String path, Map<String, List<String>> parameters) {
        long started = System.nanoTime();
        try {
            byte[] body = switch (path) {
                case SEARCH -> search(ExplorerParams.of(parameters, SEARCH_PARAMS), started);
                case FACETS -> facets(ExplorerParams.of(parameters, RANGE), started);
                case HISTOGRAM -> histogram(ExplorerParams.of(parameters, HISTOGRAM_PARAMS), started);
                case TAIL -> tail(ExplorerParams.of(parameters, TAIL_PARAMS));
                case SUMMARY -> summary(ExplorerParams.of(parameters, Set.of()));
                default -> throw new IllegalStateException("not an explorer route: " + path);
            };
            return IntakeResponse.json(200, body);
        } catch (IntakeException e) {
            return IntakeResponse.json(e.status(), ExplorerBodies.error(e.getMessage()));
        } catch (IOException | SQLException e) {
            return IntakeResponse.json(500, ExplorerBodies.error("cannot search the intake store: " + e.getMessage()));
        }
    }

    private byte[] search(ExplorerParams params, long started) throws IntakeException, IOException, SQLException {
        long[] range = params.range(clock.getAsLong());
        int limit = params.integer("limit", DEFAULT_SEARCH_LIMIT, 1, ExplorerParams.MAX_LIMIT);
        SearchIndex.Hit cursor = params.cursor();
        Query query = SearchIndex.inRange(QueryTranslator.translate(params.query()), range[0], range[1]);
        SearchIndex index = intake.searchIndex();
        long total = index.count(query);
        List<SearchIndex.Hit> hits = index.newest(query, limit, cursor);
        String next = hits.size() == limit ? ExplorerParams.encodeCursor(hits.get(hits.size() - 1)) : null;
        return ExplorerBodies.search(total, records(hits), next, millisSince(started));
    }

    private byte[] facets(ExplorerParams params, long started) throws IntakeException, IOException {
        long[] range = params.range(clock.getAsLong());
        Query query = SearchIndex.inRange(QueryTranslator.translate(params.query()), range[0], range[1]);
        List<Facet> facets = intake.searchIndex().facets(query, FACET_VALUES, ATTRIBUTE_FACETS);
        return ExplorerBodies.facets(facets, millisSince(started));
    }

    private byte[] histogram(ExplorerParams params, long started) throws IntakeException, IOException {
        long[] range = params.range(clock.getAsLong());
        int buckets = params.integer("buckets", DEFAULT_BUCKETS, 1, ExplorerParams.MAX_BUCKETS);
        Query query = SearchIndex.inRange(QueryTranslator.translate(params.query()), range[0], range[1]);
        Histogram histogram = intake.searchIndex().histogram(query, range[0], range[1], buckets);
        return ExplorerBodies.histogram(histogram, millisSince(started));
    }

    private byte[] tail(ExplorerParams params) throws IntakeException, IOException, SQLException {
        int limit = params.integer("limit", DEFAULT_TAIL_LIMIT, 1, ExplorerParams.MAX_LIMIT);
        Long after = params.after();
        Query query = QueryTranslator.translate(params.query());
        SearchIndex index = intake.searchIndex();
        List<SearchIndex.Hit> hits = after == null ? index.latest(query, limit) : index.after(query, after, limit);
        long lastId = hits.isEmpty()
                ? (after == null ? 0 : after)
                : hits.get(hits.size() - 1).id();
        return ExplorerBodies.tail(records(hits), lastId);
    }

    private byte[] summary(ExplorerParams params) throws IOException {
        IntakeStore store = intake.store();
        List<SearchIndex.Hit> bounds = intake.searchIndex().oldestAndNewest();
        LocalIntakeOptions options = intake.options();
        return ExplorerBodies.summary(
                intake.count(RecordQuery.all()),
                store.storedBytes(),
                store.expiredRecords(),
                bounds.isEmpty() ? null : bounds.get(0).timestamp(),
                bounds.isEmpty() ? null : bounds.get(1).timestamp(),
                options.maxStoredBytes(),
                options.maxAge().toMillis());
    }

    /** The hits' records from the store, in the hits' order; a record deleted since (retention) is left out. */
    private List<StoredRecord> records(List<SearchIndex.Hit> hits) throws SQLException {
        List<Long> ids = new ArrayList<>(hits.size());
        for (SearchIndex.Hit hit : hits) {
            ids.add(hit.id());
        }
        Map<Long, StoredRecord> byId = intake.store().byIds(ids);
        List<StoredRecord> records = new ArrayList<>(hits.size());
        for (long id : ids) {
            StoredRecord record = byId.get(id);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
