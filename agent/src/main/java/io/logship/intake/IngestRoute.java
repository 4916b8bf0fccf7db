package io.logship.intake;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Serves {@code POST /api/v2/logs} and {@code POST /v1/input}: fail knob, API key, decode, validate, then store
 * (or only count, in discard mode). Answers 202 {@code {}} on success.
 *
 * <p>Runs on worker threads. Does not release the request: the caller owns it.
 */
final class IngestRoute {
    /** The header carrying the API key (header names are case-insensitive). */
    static final String API_KEY_HEADER = "DD-API-KEY";

    private final Optional<byte[]> requiredKey;
    private final LocalIntakeOptions.StorageMode mode;
    private final BodyDecoder decoder;
    private final LogArrayParser parser = new LogArrayParser();
    private final IntakeStore store;
    private final Knobs knobs;
    private final RouteStats stats;

    IngestRoute(LocalIntakeOptions options, IntakeStore store, Knobs knobs, RouteStats stats) {
        this.requiredKey = options.requiredApiKey().map(key -> key.getBytes(StandardCharsets.UTF_8));
        this.mode = options.mode();
        this.decoder = new BodyDecoder(options.maxBodyBytes());
        this.store = store;
        this.knobs = knobs;
        this.stats = stats;
    }

    IntakeResponse handle(String route, FullHttpRequest request) {
        Duration delay = knobs.currentDelay();
        return answer(route, request).withDelay(delay);
    }

    private IntakeResponse answer(String route, FullHttpRequest request) {
        Optional<Knobs.Failure> forced = knobs.takeFailure();
        if (forced.isPresent()) {
            return forcedFailure(forced.get());
        }
        try {
            checkApiKey(request);
            ContentEncoding encoding = ContentEncoding.of(request.headers().get(HttpHeaderNames.CONTENT_ENCODING));
            DecodedBody body = decoder.decode(encoding, request.content());
            int records = mode == LocalIntakeOptions.StorageMode.DISCARD
                    ? parser.count(body, stats.probes(), epochMicros())
                    : storeAll(route, body);
            stats.accepted(records, body.length());
            return IntakeResponse.accepted();
        } catch (IntakeException e) {
            return IntakeResponse.error(e.status(), e.getMessage());
        } catch (SQLException e) {
            // 500 makes a shipper retry: nothing was stored (the transaction rolled back).
            return IntakeResponse.error(500, "cannot store the records: " + e.getMessage());
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private int storeAll(String route, DecodedBody body) throws IntakeException, SQLException {
        List<ParsedRecord> records = parser.parse(body);
        store.insert(route, Instant.now(), body, records);
        return records.size();
    }

    private void checkApiKey(FullHttpRequest request) throws IntakeException {
        if (requiredKey.isEmpty()) {
            return;
        }
        String given = request.headers().get(API_KEY_HEADER);
        if (given == null || given.isEmpty()) {
            throw new IntakeException(401, "missing " + API_KEY_HEADER + " header");
        }
        // Constant time, so that response timing tells nothing about the key. The key itself is never echoed.
        if (!MessageDigest.isEqual(requiredKey.get(), given.getBytes(StandardCharsets.UTF_8))) {
            throw new IntakeException(403, "invalid API key");
        }
    }

    private static IntakeResponse forcedFailure(Knobs.Failure failure) {
        IntakeResponse response = IntakeResponse.error(failure.status(), "forced by the intake's fail knob");
        if (failure.retryAfter().isPresent()) {
            Duration after = failure.retryAfter().get();
            long seconds = after.getSeconds() + (after.getNano() > 0 ? 1 : 0);
            response = response.withRetryAfter(String.valueOf(seconds));
        }
        return response;
    }
}
