package io.logship.intake;

import com.github.luben.zstd.Zstd;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The explorer's search latency at scale, run on demand (never in the test phase):
 *
 * <pre>
 * java -Xmx2g -cp agent/target/test-classes:agent/target/classes:$(cat cp.txt) \
 *     io.logship.intake.SearchLatencyBenchmark [stored records] [ingest records/s] [queries per shape]
 * </pre>
 *
 * <p>Starts an in-process intake (store mode, fresh temp directory), loads it over HTTP with varied records
 * (1,000 per zstd request: 20 services, 4 statuses, 50 hosts, 1,000 users, error kinds, free text) until the given
 * number is stored (default 1,000,000) and indexed, then keeps ingesting at the given rate (default 50,000
 * records/s, over 2 keep-alive connections) while it times each query shape over HTTP, one query at a time, and
 * prints the median and 90th percentile per shape, the ingest rate reached meanwhile, and how far the index lagged.
 */
public final class SearchLatencyBenchmark {
    private static final int RECORDS_PER_REQUEST = 1000;
    private static final int BODIES = 64;
    private static final int WARM_UP_QUERIES = 3;

    private static final String[] SERVICES = {
        "checkout", "payments", "search", "billing", "auth", "cart", "catalog", "shipping", "email", "gateway",
        "inventory", "orders", "profile", "pricing", "reviews", "ads", "recommend", "notify", "audit", "reports"
    };
    private static final String[] WORDS = {
        "request", "handled", "user", "order", "cache", "miss", "hit", "retry", "connection", "pool", "query",
        "slow", "fast", "started", "finished", "queue", "message", "sent", "received", "token", "refresh", "session",
        "expired", "created", "updated", "deleted", "timeout", "declined", "accepted", "payment"
    };
    private static final String[] ERRORS = {
        "java.lang.IllegalStateException",
        "java.net.SocketTimeoutException",
        "java.lang.NullPointerException",
        "java.sql.SQLTransientConnectionException"
    };

    private SearchLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        long stored = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int ingestRate = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<byte[]> bodies = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < BODIES; i++) {
            bodies.add(Zstd.compress(payload(random), 1));
        }
        Path directory = Files.createTempDirectory("search-bench");
        try (LocalIntake intake =
                LocalIntake.start(LocalIntakeOptions.builder(directory).port(0).build())) {
            long started = System.currentTimeMillis();
            long loadStart = System.nanoTime();
            Ingest load = new Ingest(intake.logsUrl(), bodies, 2, 0);
            load.start();
            while (intake.recordsAccepted() < stored) {
                Thread.sleep(200); // a load generator's progress poll, not a test wait
            }
            load.stop();
            double loadSecs = (System.nanoTime() - loadStart) / 1e9;
            long newest = intake.store().newestId();
            while (intake.searchIndex().searchableThrough() < newest) {
                Thread.sleep(200);
            }
            double indexedSecs = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "loaded %d records in %.1f s (%.0f records/s accepted); all searchable after %.1f s%n",
                    intake.recordsAccepted(),
                    loadSecs,
                    intake.recordsAccepted() / loadSecs,
                    indexedSecs);

            Ingest live = new Ingest(intake.logsUrl(), bodies, 2, ingestRate);
            long acceptedBefore = intake.recordsAccepted();
            long liveStart = System.nanoTime();
            live.start();
            Thread.sleep(3000); // let the live ingest settle before timing queries
            HttpClient http = HttpClient.newHttpClient();
            String range = "&from=" + started + "&to=" + (System.currentTimeMillis() + 3_600_000);
            String[][] shapes = {
                {"free text: timeout", "/api/search?query=" + encode("timeout") + range},
                {"phrase: \"card declined\"", "/api/search?query=" + encode("\"payment declined\"") + range},
                {"facet term: service:checkout", "/api/search?query=" + encode("service:checkout") + range},
                {"attribute: @usr.id:u42", "/api/search?query=" + encode("@usr.id:u42") + range},
                {"negation: -status:info", "/api/search?query=" + encode("-status:info") + range},
                {"wildcard: service:pay*", "/api/search?query=" + encode("service:pay*") + range},
                {"wildcard free text: Illegal*", "/api/search?query=" + encode("Illegal*") + range},
                {
                    "combined: service:checkout status:error -timeout",
                    "/api/search?query=" + encode("service:checkout status:error -timeout") + range
                },
                {"everything (empty query)", "/api/search?query=" + range},
                {"facets, empty query", "/api/facets?query=" + range},
                {"facets, status:error", "/api/facets?query=" + encode("status:error") + range},
                {"histogram, empty query", "/api/histogram?query=" + range},
                {"histogram, service:checkout", "/api/histogram?query=" + encode("service:checkout") + range},
                {"tail, after the newest", "/api/tail?after=" + newest},
            };
            System.out.println();
            System.out.println("| query | median ms | p90 ms | total matches |");
            System.out.println("|---|---|---|---|");
            for (String[] shape : shapes) {
                URI uri = intake.baseUrl().resolve(shape[1]);
                long[] millis = new long[queries];
                String body = "";
                for (int i = -WARM_UP_QUERIES; i < queries; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    long elapsed = (System.nanoTime() - start) / 1_000_000;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(
                                shape[0] + ": " + response.statusCode() + " " + response.body());
                    }
                    if (i >= 0) {
                        millis[i] = elapsed;
                    }
                    body = response.body();
                }
                Arrays.sort(millis);
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %s |%n",
                        shape[0],
                        millis[queries / 2],
                        millis[(int) Math.ceil(queries * 0.9) - 1],
                        total(body));
            }
            long liveAccepted = intake.recordsAccepted() - acceptedBefore;
            double liveSecs = (System.nanoTime() - liveStart) / 1e9;
            live.stop();
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "ingest while querying: %.0f records/s (target %d), %d non-202 answers; stored %d; index lag at the"
                            + " end %d records%n",
                    liveAccepted / liveSecs,
                    ingestRate,
                    live.failed.sum(),
                    intake.count(RecordQuery.all()),
                    intake.store().newestId() - intake.searchIndex().searchableThrough());
            System.out.printf(
                    Locale.ROOT,
                    "stored JSON %d MB; H2 file %d MB; index %d MB%n",
                    intake.store().storedBytes() >> 20,
                    sizeOf(directory.resolve(IntakeStore.DATABASE_NAME + ".mv.db")) >> 20,
                    sizeOf(directory.resolve("index")) >> 20);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static String total(String body) {
        int at = body.indexOf("\"total\":");
        if (at < 0) {
            return "-";
        }
        int end = at + 8;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return body.substring(at + 8, end);
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** One request body: {@value #RECORDS_PER_REQUEST} records without a timestamp (the intake stamps them). */
    static byte[] payload(Random random) {
        StringBuilder json = new StringBuilder(RECORDS_PER_REQUEST * 320).append('[');
        for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
            int kind = random.nextInt(100);
            String status = kind < 70 ? "info" : kind < 85 ? "debug" : kind < 95 ? "warn" : "error";
            json.append(i == 0 ? "" : ",")
                    .append("{\"service\":\"")
                    .append(SERVICES[random.nextInt(SERVICES.length)])
                    .append("\",\"status\":\"")
                    .append(status)
                    .append("\",\"hostname\":\"web-")
                    .append(random.nextInt(50))
                    .append("\",\"ddsource\":\"java\",\"ddtags\":\"env:prod,version:1.")
                    .append(random.nextInt(5))
                    .append("\",\"message\":\"");
            for (int w = 0; w < 8; w++) {
                json.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            json.append("id=")
                    .append(random.nextInt(1_000_000))
                    .append("\",\"usr\":{\"id\":\"u")
                    .append(random.nextInt(1000))
                    .append("\"},\"http\":{\"status_code\":")
                    .append(status.equals("error") ? 500 : 200)
                    .append(",\"method\":\"")
                    .append(random.nextBoolean() ? "GET" : "POST")
                    .append("\"}");
            if (status.equals("error")) {
                json.append(",\"error\":{\"kind\":\"")
                        .append(ERRORS[random.nextInt(ERRORS.length)])
                        .append("\",\"message\":\"failed after ")
                        .append(random.nextInt(30))
                        .append(" s\",\"stack\":\"at com.example.Service.call(Service.java:")
                        .append(random.nextInt(400))
                        .append(")\\n\\tat com.example.Main.run(Main.java:12)\"}");
            }
            json.append('}');
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Keep-alive raw-socket clients posting the bodies in turn, paced to a records/s rate (0: flat out). */
    private static final class Ingest {
        final LongAdder failed = new LongAdder();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Ingest(URI url, List<byte[]> bodies, int connections, int recordsPerSecond) {
            long intervalNanos =
                    recordsPerSecond == 0 ? 0 : (long) (1e9 * RECORDS_PER_REQUEST * connections / recordsPerSecond);
            for (int c = 0; c < connections; c++) {
                int offset = c;
                threads.add(new Thread(
                        () -> {
                            try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                                OutputStream out = socket.getOutputStream();
                                InputStream in = new BufferedInputStream(socket.getInputStream());
                                long next = System.nanoTime();
                                for (int i = offset; running.get(); i += connections) {
                                    out.write(request(url, bodies.get(i % bodies.size())));
                                    out.flush();
                                    if (readStatus(in) != 202) {
                                        failed.increment();
                                    }
                                    next += intervalNanos;
                                    long wait = next - System.nanoTime();
                                    if (wait > 0) {
                                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                    }
                                }
                            } catch (IOException e) {
                                failed.increment();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "ingest-" + c));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static byte[] request(URI url, byte[] body) {
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Encoding: zstd\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) c);
        }
        String headers = head.toString();
        int at = headers.toLowerCase(Locale.ROOT).indexOf("content-length:");
        in.skipNBytes(Integer.parseInt(
                headers.substring(at + 15, headers.indexOf('\r', at)).trim()));
        return Integer.parseInt(headers.substring(9, 12));
    }

    private static long sizeOf(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            long bytes = 0;
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
