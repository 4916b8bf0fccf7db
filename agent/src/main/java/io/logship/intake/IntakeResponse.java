package io.logship.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the intake answers to one request, before it becomes a Netty response.
 *
 * @param retryAfter the {@code Retry-After} header value, when any
 * @param allow      the {@code Allow} header value (for 405), when any
 * @param delay      how long to hold the answer (the delay knob; zero for most answers)
 * @param headers    further headers, by name (the explorer's security headers)
 */
record IntakeResponse(
        int status,
        String contentType,
        byte[] body,
        Optional<String> retryAfter,
        Optional<String> allow,
        Duration delay,
        Map<String, String> headers) {

    static final String JSON = "application/json";

    static IntakeResponse json(int status, byte[] body) {
        return new IntakeResponse(status, JSON, body, Optional.empty(), Optional.empty(), Duration.ZERO, Map.of());
    }

    /** 200 with a static file's bytes (the explorer page, its stylesheet and script). */
    static IntakeResponse asset(String contentType, byte[] body) {
        return new IntakeResponse(200, contentType, body, Optional.empty(), Optional.empty(), Duration.ZERO, Map.of());
    }

    /** {@code {"errors":[message]}} with the given status. */
    static IntakeResponse error(int status, String message) {
        return json(status, JsonBodies.error(message));
    }

    /** The Datadog intake's success answer: 202 with {@code {}}. */
    static IntakeResponse accepted() {
        return json(202, "{}".getBytes(StandardCharsets.US_ASCII));
    }

    IntakeResponse withRetryAfter(String value) {
        return new IntakeResponse(status, contentType, body, Optional.of(value), allow, delay, headers);
    }

    IntakeResponse withAllow(String value) {
        return new IntakeResponse(status, contentType, body, retryAfter, Optional.of(value), delay, headers);
    }

    IntakeResponse withDelay(Duration value) {
        return new IntakeResponse(status, contentType, body, retryAfter, allow, value, headers);
    }

    IntakeResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new IntakeResponse(status, contentType, body, retryAfter, allow, delay, Map.copyOf(more));
    }
}
