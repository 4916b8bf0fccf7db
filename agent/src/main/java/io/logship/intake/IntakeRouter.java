package io.logship.intake;

import io.logship.agent.metrics.LogLimiter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each request to its route and answer, and counts every answer in {@link RouteStats}.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Method and path</th><th>What it does</th></tr>
 *   <tr><td>POST /api/v2/logs, POST /v1/input</td><td>intake ({@link IngestRoute})</td></tr>
 *   <tr><td>GET /api/records?service&amp;status&amp;q&amp;from&amp;to&amp;limit</td><td>records, newest first</td></tr>
 *   <tr><td>DELETE /api/records</td><td>deletes every stored record (control route)</td></tr>
 *   <tr><td>GET /api/count?(same filters)</td><td>{@code {"count":n}}</td></tr>
 *   <tr><td>GET /api/stats</td><td>answers per route and status, records accepted and stored, probe delays</td></tr>
 *   <tr><td>DELETE /api/stats</td><td>sets those counts back to zero (a benchmark's window), then answers them</td></tr>
 *   <tr><td>GET /health</td><td>{@code {"status":"ok"}}</td></tr>
 *   <tr><td>GET /_knobs, POST /_knobs/fail, /_knobs/delay, /_knobs/clear</td>
 *       <td>test knobs (control routes)</td></tr>
 *   <tr><td>GET /, /explorer/explorer.css, /explorer/explorer.js</td><td>the explorer page
 *       ({@link ExplorerAssets})</td></tr>
 *   <tr><td>GET /api/search, /api/facets, /api/histogram, /api/tail, /api/summary</td>
 *       <td>the log explorer's routes ({@link ExplorerRoutes})</td></tr>
 * </table>
 *
 * <p>Every request first passes {@link RequestGuard} (foreign {@code Host}, {@code Origin} or
 * {@code Sec-Fetch-Site} → 403). Control routes answer 404 unless {@link LocalIntakeOptions#knobs()} is on, and then
 * require {@code Content-Type: application/json} on POST and DELETE (else 415), which a browser cannot send to
 * another site without a CORS preflight that this intake never approves.
 *
 * <p>Runs on worker threads; never releases the request (the caller owns it). Unknown path → 404, known path with
 * another method → 405 with {@code Allow}.
 */
final class IntakeRouter {
    static final String LOGS_V2 = "/api/v2/logs";
    static final String LOGS_V1 = "/v1/input";
    static final String RECORDS = "/api/records";
    static final String COUNT = "/api/count";
    static final String STATS = "/api/stats";
    static final String HEALTH = "/health";
    static final String KNOBS = "/_knobs";
    static final String KNOB_FAIL = "/_knobs/fail";
    static final String KNOB_DELAY = "/_knobs/delay";
    static final String KNOB_CLEAR = "/_knobs/clear";

    private static final Map<String, Set<HttpMethod>> METHODS = Map.ofEntries(
            Map.entry(LOGS_V2, Set.of(HttpMethod.POST)),
            Map.entry(LOGS_V1, Set.of(HttpMethod.POST)),
            Map.entry(RECORDS, Set.of(HttpMethod.GET, HttpMethod.DELETE)),
            Map.entry(COUNT, Set.of(HttpMethod.GET)),
            Map.entry(STATS, Set.of(HttpMethod.GET, HttpMethod.DELETE)),
            Map.entry(HEALTH, Set.of(HttpMethod.GET)),
            Map.entry(KNOBS, Set.of(HttpMethod.GET)),
            Map.entry(KNOB_FAIL, Set.of(HttpMethod.POST)),
            Map.entry(KNOB_DELAY, Set.of(HttpMethod.POST)),
            Map.entry(KNOB_CLEAR, Set.of(HttpMethod.POST)),
            Map.entry(ExplorerAssets.PAGE, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerAssets.STYLESHEET, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerAssets.SCRIPT, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerRoutes.SEARCH, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerRoutes.FACETS, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerRoutes.HISTOGRAM, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerRoutes.TAIL, Set.of(HttpMethod.GET)),
            Map.entry(ExplorerRoutes.SUMMARY, Set.of(HttpMethod.GET)));

    /** The knob routes; with {@code DELETE} on {@link #RECORDS}, the control routes. */
    private static final Set<String> KNOB_ROUTES = Set.of(KNOBS, KNOB_FAIL, KNOB_DELAY, KNOB_CLEAR);

    private static final Logger LOG = LoggerFactory.getLogger(IntakeRouter.class);

    private final LogLimiter refusedLog = new LogLimiter();
    private final LongAdder refused = new LongAdder();
    private final LocalIntake intake;
    private final IngestRoute ingest;
    private final RouteStats stats;
    private final RequestGuard guard;
    private final boolean controlRoutes;
    private final ExplorerRoutes explorer;

    IntakeRouter(LocalIntake intake, IngestRoute ingest, RouteStats stats, RequestGuard guard, boolean controlRoutes) {
        this.intake = intake;
        this.explorer = new ExplorerRoutes(intake, System::currentTimeMillis);
        this.ingest = ingest;
        this.stats = stats;
        this.guard = guard;
        this.controlRoutes = controlRoutes;
    }

    /** Whether {@code method path} is a control route: a knob, or deleting every record. */
    static boolean isControl(String path, HttpMethod method) {
        return KNOB_ROUTES.contains(path) || (path.equals(RECORDS) && method.equals(HttpMethod.DELETE));
    }

    /** The route name a path is counted under: the path itself when the intake serves it. */
    static String routeOf(String uri) {
        try {
            String path = new QueryStringDecoder(uri).path();
            return METHODS.containsKey(path) ? path : RouteStats.OTHER_ROUTE;
        } catch (IllegalArgumentException e) {
            return RouteStats.OTHER_ROUTE; // malformed percent-encoding: not one of our paths
        }
    }

    IntakeResponse handle(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path;
        try {
            path = uri.path();
            uri.parameters(); // decodes eagerly, so malformed escapes are caught here and not deep in a route
        } catch (IllegalArgumentException e) {
            stats.count(RouteStats.OTHER_ROUTE, 400);
            return IntakeResponse.error(400, "malformed URL: " + e.getMessage());
        }
        Set<HttpMethod> allowed = METHODS.get(path);
        Optional<String> refusal = guard.refusal(request);
        IntakeResponse response;
        if (refusal.isPresent()) {
            response = IntakeResponse.error(403, refusal.get());
            refused.increment();
            if (refusedLog.mayLog()) {
                LOG.warn("local intake: {} ({} requests refused with 403 since start)", refusal.get(), refused.sum());
            }
        } else if (allowed != null && !controlRoutes && isControl(path, request.method())) {
            response = IntakeResponse.error(
                    404,
                    "no route for " + request.method() + " " + path
                            + ": control routes are off (start the intake with --knobs)");
        } else if (allowed == null) {
            response = IntakeResponse.error(404, "no route for " + shorten(path));
        } else if (!allowed.contains(request.method())) {
            response = IntakeResponse.error(405, "method " + request.method() + " not allowed on " + path)
                    .withAllow(String.join(
                            ", ",
                            allowed.stream().map(HttpMethod::name).sorted().toList()));
        } else if (isControl(path, request.method()) && !request.method().equals(HttpMethod.GET) && !isJson(request)) {
            response = IntakeResponse.error(415, "control routes require Content-Type: application/json");
        } else {
            response = dispatch(path, request, uri);
        }
        stats.count(allowed == null ? RouteStats.OTHER_ROUTE : path, response.status());
        return response;
    }

    private IntakeResponse dispatch(String path, FullHttpRequest request, QueryStringDecoder uri) {
        try {
            switch (path) {
                case LOGS_V2:
                case LOGS_V1:
                    return ingest.handle(path, request);
                case RECORDS:
                    if (request.method().equals(HttpMethod.DELETE)) {
                        return IntakeResponse.json(200, JsonBodies.deleted(intake.deleteAll()));
                    }
                    return IntakeResponse.json(
                            200, JsonBodies.records(intake.query(RecordQueryParams.parse(uri.parameters()))));
                case COUNT:
                    return IntakeResponse.json(
                            200, JsonBodies.count(intake.count(RecordQueryParams.parse(uri.parameters()))));
                case STATS:
                    if (request.method().equals(HttpMethod.DELETE)) {
                        intake.resetStats();
                    }
                    return IntakeResponse.json(200, JsonBodies.stats(intake.status()));
                case HEALTH:
                    return IntakeResponse.json(200, JsonBodies.health());
                case KNOB_FAIL:
                    KnobRequests.fail(intake.knobs(), request.content());
                    return IntakeResponse.json(200, JsonBodies.knobs(intake.knobs()));
                case KNOB_DELAY:
                    KnobRequests.delay(intake.knobs(), request.content());
                    return IntakeResponse.json(200, JsonBodies.knobs(intake.knobs()));
                case KNOB_CLEAR:
                    intake.knobs().clear();
                    return IntakeResponse.json(200, JsonBodies.knobs(intake.knobs()));
                case KNOBS:
                    return IntakeResponse.json(200, JsonBodies.knobs(intake.knobs()));
                case ExplorerAssets.PAGE:
                case ExplorerAssets.STYLESHEET:
                case ExplorerAssets.SCRIPT:
                    return ExplorerAssets.find(path).orElseThrow();
                case ExplorerRoutes.SEARCH:
                case ExplorerRoutes.FACETS:
                case ExplorerRoutes.HISTOGRAM:
                case ExplorerRoutes.TAIL:
                case ExplorerRoutes.SUMMARY:
                    return explorer.handle(path, uri.parameters());
                default:
                    throw new IllegalStateException("route without handler: " + path);
            }
        } catch (IntakeException e) {
            return IntakeResponse.error(e.status(), e.getMessage());
        } catch (IntakeStoreException e) {
            return IntakeResponse.error(500, e.getMessage());
        }
    }

    private static boolean isJson(FullHttpRequest request) {
        CharSequence type = HttpUtil.getMimeType(request);
        return type != null
                && HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(
                        type.toString().trim());
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
