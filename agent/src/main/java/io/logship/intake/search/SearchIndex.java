package io.logship.intake.search;

import io.logship.agent.metrics.LogLimiter;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local intake's search index: a Lucene index under the data directory that follows the durable
 * {@link RecordLog} (H2 stays the truth).
 *
 * <p><b>Feeding:</b> one indexer thread reads committed records after the last indexed id, in batches, and adds
 * them; the searcher is refreshed every {@value #REFRESH_MILLIS} ms while records arrive and as soon as the feed
 * is drained, so a record answered 202 is searchable within about that while the indexer keeps up (one thread:
 * about 10 µs of CPU per record). Ingest never waits for the index.
 *
 * <p><b>Restart and repair:</b> each Lucene commit (every {@value #COMMIT_MILLIS} ms, and at close) records the
 * last indexed id in its user data; at start the indexer goes on from there. A missing, unreadable or foreign
 * index (its last id is beyond the store's) is rebuilt from the store.
 *
 * <p><b>Deletes:</b> the store deletes oldest first, so {@link #syncDeletions()} deletes every document below the
 * store's oldest id; it and the indexer's batches are serialized, so a batch read before a delete cannot
 * bring deleted records back.
 *
 * <p>Thread-safe; searches run concurrently with indexing.
 */
public final class SearchIndex implements AutoCloseable {
    /** The index directory inside the intake's data directory. */
    public static final String DIRECTORY_NAME = "index";

    static final int BATCH_RECORDS = 5_000;
    static final long REFRESH_MILLIS = 500;
    static final long COMMIT_MILLIS = 10_000;
    static final long IDLE_POLL_MILLIS = 50;
    private static final String LAST_ID = "last_id";

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(SearchFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(SearchFields.ID, SortField.Type.LONG, true));
    private static final Sort OLDEST_FIRST = new Sort(
            new SortField(SearchFields.TIMESTAMP, SortField.Type.LONG, false),
            new SortField(SearchFields.ID, SortField.Type.LONG, false));
    /** Ids are unique, so the timestamp never orders here: it is there to be read back with the hit. */
    private static final Sort BY_ID = new Sort(
            new SortField(SearchFields.ID, SortField.Type.LONG, false),
            new SortField(SearchFields.TIMESTAMP, SortField.Type.LONG, false));

    private static final Sort BY_ID_DESCENDING = new Sort(
            new SortField(SearchFields.ID, SortField.Type.LONG, true),
            new SortField(SearchFields.TIMESTAMP, SortField.Type.LONG, false));

    private final RecordLog log;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object mutation = new Object();
    private final Object idle = new Object();
    private final LogLimiter failureLog = new LogLimiter();
    private final Thread indexer;
    private final FacetCounter facetCounter = new FacetCounter();
    private volatile boolean closed;
    private volatile long indexedThrough;
    private volatile long searchableThrough;

    private SearchIndex(RecordLog log, Directory directory, IndexWriter writer, long indexedThrough)
            throws IOException {
        this.log = log;
        this.directory = directory;
        this.writer = writer;
        this.indexedThrough = indexedThrough;
        this.searchableThrough = indexedThrough;
        this.searchers = new SearcherManager(writer, null);
        this.indexer = new Thread(this::run, "logship-intake-indexer");
        this.indexer.setDaemon(true);
    }

    /**
     * Opens (or creates, or rebuilds) the index in {@code dataDirectory/index} and starts following {@code log}.
     *
     * @throws IOException when the directory cannot be written
     */
    public static SearchIndex open(Path dataDirectory, RecordLog log) throws IOException {
        Path path = dataDirectory.resolve(DIRECTORY_NAME);
        Files.createDirectories(path);
        Directory directory = FSDirectory.open(path);
        IndexWriter writer;
        long lastId;
        try {
            writer = newWriter(directory, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            lastId = lastIndexedId(writer);
        } catch (LockObtainFailedException e) {
            directory.close();
            throw e; // in use by another process: not ours to rebuild
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "local intake: the search index in {} is unreadable ({}); rebuilding it from the store",
                    path,
                    e.toString());
            directory.close();
            deleteContents(path);
            directory = FSDirectory.open(path);
            writer = newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
            lastId = 0;
        }
        try {
            if (lastId > log.newestId()) {
                writer.deleteAll(); // an index of another store: start over
                lastId = 0;
            }
        } catch (SQLException e) {
            writer.close();
            directory.close();
            throw new IOException("cannot read the intake store to open its search index: " + e.getMessage(), e);
        }
        SearchIndex index = new SearchIndex(log, directory, writer, lastId);
        index.syncDeletions();
        index.indexer.start();
        return index;
    }

    private static IndexWriter newWriter(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new LogAnalyzer())
                .setOpenMode(mode)
                // Lucene's default: the packaged agent embeds this intake in a 48 MiB heap (64 MiB here meant
                // back-to-back full GCs under a 400,000-record burst).
                .setRAMBufferSizeMB(IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB)
                .setCommitOnClose(false);
        return new IndexWriter(directory, config);
    }

    private static long lastIndexedId(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(LAST_ID)) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return 0;
    }

    private static void deleteContents(Path path) throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The highest record id that searches see (they see every stored record up to it). */
    public long searchableThrough() {
        return searchableThrough;
    }

    /** Deletes the documents of records the store no longer has (below its oldest id), then refreshes. */
    public void syncDeletions() throws IOException {
        synchronized (mutation) {
            OptionalLong oldest;
            try {
                oldest = log.oldestId();
            } catch (SQLException e) {
                throw new IOException("cannot read the intake store's oldest record: " + e.getMessage(), e);
            }
            long keepFrom = oldest.isPresent() ? oldest.getAsLong() : indexedThrough + 1;
            if (keepFrom > Long.MIN_VALUE) {
                writer.deleteDocuments(LongPoint.newRangeQuery(SearchFields.ID, Long.MIN_VALUE, keepFrom - 1));
            }
        }
        refresh();
    }

    private void run() {
        long lastRefresh = System.nanoTime();
        long lastCommit = System.nanoTime();
        boolean uncommitted = false;
        while (!closed) {
            try {
                int added = indexBatch();
                uncommitted |= added > 0;
                long now = System.nanoTime();
                // Each refresh writes a segment (merged later): under steady ingest, one per REFRESH_MILLIS; once
                // the feed is drained, at once.
                if (searchableThrough < indexedThrough
                        && (added == 0 || now - lastRefresh >= REFRESH_MILLIS * 1_000_000)) {
                    refresh();
                    lastRefresh = now;
                }
                if (uncommitted && now - lastCommit >= COMMIT_MILLIS * 1_000_000) {
                    commit();
                    lastCommit = now;
                    uncommitted = false;
                }
                if (added == 0) {
                    pause(IDLE_POLL_MILLIS);
                }
            } catch (IOException | SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (failureLog.mayLog()) {
                    LOG.warn("local intake: indexing failed, retrying: {}", e.toString());
                }
                pause(1_000);
            }
        }
    }

    private int indexBatch() throws IOException, SQLException {
        synchronized (mutation) {
            List<StoredRecord> records = log.after(indexedThrough, BATCH_RECORDS);
            for (StoredRecord record : records) {
                writer.addDocument(RecordDocuments.of(record));
            }
            if (!records.isEmpty()) {
                indexedThrough = records.get(records.size() - 1).id();
            }
            return records.size();
        }
    }

    private void refresh() throws IOException {
        long through = indexedThrough;
        searchers.maybeRefreshBlocking();
        searchableThrough = through;
    }

    private void commit() throws IOException {
        synchronized (mutation) {
            writer.setLiveCommitData(
                    Map.of(LAST_ID, Long.toString(indexedThrough)).entrySet());
            writer.commit();
        }
    }

    /** The indexer's poll interval; {@link #close()} ends it early. Never interrupts: Lucene closes a channel
     * that an interrupted thread was using, and the writer with it. */
    private void pause(long millis) {
        synchronized (idle) {
            if (closed) {
                return;
            }
            try {
                idle.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records matching {@code query}. */
    public long count(Query query) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.count(query);
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * The newest {@code limit} records matching {@code query}, by the record's timestamp then id, older than
     * {@code after} when given.
     */
    public List<Hit> newest(Query query, int limit, Hit after) throws IOException {
        Query page = after == null ? query : filtered(query, olderThan(after));
        return hits(page, limit, NEWEST_FIRST);
    }

    /** Up to {@code limit} records matching {@code query} with an id above {@code afterId}, by id. */
    public List<Hit> after(Query query, long afterId, int limit) throws IOException {
        return hits(
                filtered(query, LongPoint.newRangeQuery(SearchFields.ID, afterId + 1, Long.MAX_VALUE)), limit, BY_ID);
    }

    /** The {@code limit} records matching {@code query} with the highest ids, by id (oldest first). */
    public List<Hit> latest(Query query, int limit) throws IOException {
        List<Hit> hits = new ArrayList<>(hits(query, limit, BY_ID_DESCENDING));
        hits.sort(Comparator.comparingLong(Hit::id));
        return hits;
    }

    /** The oldest and newest stored record by timestamp, or empty. */
    public List<Hit> oldestAndNewest() throws IOException {
        List<Hit> oldest = hits(new MatchAllDocsQuery(), 1, OLDEST_FIRST);
        List<Hit> newest = hits(new MatchAllDocsQuery(), 1, NEWEST_FIRST);
        return oldest.isEmpty() || newest.isEmpty() ? List.of() : List.of(oldest.get(0), newest.get(0));
    }

    /** The reserved facets, then the {@code attributes} attributes present on the most matching records. */
    public List<Facet> facets(Query query, int values, int attributes) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            MatchingDocs matching = new MatchingDocs();
            searcher.search(query, matching);
            List<MatchingDocs.Segment> segments = matching.segments();
            List<Facet> facets = new ArrayList<>();
            for (String name : SearchFields.RESERVED_ORDER) {
                facets.add(new Facet(name, facetCounter.top(segments, SearchFields.facetField(name), values)));
            }
            for (Facet.Value attribute : facetCounter.top(segments, SearchFields.FACETABLE, attributes)) {
                String name = attribute.value();
                facets.add(new Facet(name, facetCounter.top(segments, SearchFields.facetField(name), values)));
            }
            return facets;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Matching records per status in {@code buckets} equal buckets of {@code [from, to)}. */
    public Histogram histogram(Query query, long from, long to, int buckets) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            MatchingDocs matching = new MatchingDocs();
            searcher.search(query, matching);
            return HistogramCounter.count(matching.segments(), from, to, buckets);
        } finally {
            searchers.release(searcher);
        }
    }

    /** {@code query} restricted to timestamps in {@code [from, to)}. */
    public static Query inRange(Query query, long from, long to) {
        return filtered(query, LongPoint.newRangeQuery(SearchFields.TIMESTAMP, from, to - 1));
    }

    private static Query filtered(Query query, Query filter) {
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query olderThan(Hit after) {
        Query sameTimeLowerId = new BooleanQuery.Builder()
                .add(LongPoint.newExactQuery(SearchFields.TIMESTAMP, after.timestamp()), BooleanClause.Occur.FILTER)
                .add(
                        LongPoint.newRangeQuery(SearchFields.ID, Long.MIN_VALUE, after.id() - 1),
                        BooleanClause.Occur.FILTER)
                .build();
        return new BooleanQuery.Builder()
                .add(
                        LongPoint.newRangeQuery(SearchFields.TIMESTAMP, Long.MIN_VALUE, after.timestamp() - 1),
                        BooleanClause.Occur.SHOULD)
                .add(sameTimeLowerId, BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1)
                .build();
    }

    private List<Hit> hits(Query query, int limit, Sort sort) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopFieldDocs top = searcher.search(query, limit, sort);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc doc : top.scoreDocs) {
                hits.add(hit(sort, doc));
            }
            return hits;
        } finally {
            searchers.release(searcher);
        }
    }

    private static Hit hit(Sort sort, ScoreDoc doc) {
        Object[] fields = ((FieldDoc) doc).fields;
        boolean idFirst = sort.getSort()[0].getField().equals(SearchFields.ID);
        return idFirst ? new Hit((Long) fields[0], (Long) fields[1]) : new Hit((Long) fields[1], (Long) fields[0]);
    }

    /** Commits what was indexed (so the next start goes on from there) and closes the index. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            indexer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            searchers.close();
            commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            LOG.warn(
                    "local intake: cannot commit the search index at close (it is rebuilt at start): {}", e.toString());
        }
    }

    /** One matching record: its id and timestamp (the record itself is read from the store). */
    public record Hit(long id, long timestamp) {}
}
