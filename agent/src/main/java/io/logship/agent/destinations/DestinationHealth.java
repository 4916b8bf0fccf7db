package io.logship.agent.destinations;

import io.logship.config.Redacted;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the destination takes what the senders offer, for {@code /ready}: every attempt's result goes in (the
 * destination reports it: {@link #ok()} or {@link #trouble}), and {@link #problem()} says what is wrong once the
 * destination has refused or been unreachable for longer than the grace period ({@code retry.max}).
 *
 * <p>For the HTTP intake ({@code destinations.intake.IntakeDestination}):
 * <ul>
 *   <li>Healthy: a 2xx, or a 400/413 (the intake works; that one batch was bad, and it costs only itself).</li>
 *   <li>Refusing: any other answer: 401/403 (the key), 429, 5xx, ...</li>
 *   <li>Unreachable: no answer: connection refused or reset, timeout, TLS failure.</li>
 * </ul>
 *
 * <p>A problem keeps the time it started until a healthy result; its description is the latest one. Descriptions
 * never hold a secret: URLs pass through {@link Redacted}, and the API key is never part of an answer we keep.
 *
 * <p>Thread-safe: one volatile reference, replaced per result (once per attempt, never per record).
 */
public final class DestinationHealth {
    /**
     * Loads {@link Problem} with this class: a problem is first recorded when things go wrong, maybe when the
     * process is out of file descriptors and no class file can be opened.
     */
    private static final Problem LOADED_EARLY = new Problem("", "", 0, Instant.EPOCH);

    private final Duration grace;
    private final LongSupplier nanoClock;
    private volatile Problem problem;
    private volatile String lastTrouble;

    /** What is wrong and since when. */
    private record Problem(String kind, String what, long sinceNanos, Instant since) {}

    /**
     * @param grace how long a problem may last before {@link #problem()} reports it, {@code >= 0}
     * @param nanoClock monotonic time, {@link System#nanoTime()} outside tests
     */
    public DestinationHealth(Duration grace, LongSupplier nanoClock) {
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0: " + grace);
        }
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public DestinationHealth(Duration grace) {
        this(grace, System::nanoTime);
    }

    /** The destination answered and is fine (it took the batch, or refused only that batch). */
    public void ok() {
        problem = null;
    }

    /** A description of the problem when one has lasted longer than the grace period; empty when healthy. */
    public Optional<String> problem() {
        Problem p = problem;
        if (p == null) {
            return Optional.empty();
        }
        long lasted = nanoClock.getAsLong() - p.sinceNanos();
        if (lasted <= grace.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(p.kind() + ": " + p.what() + " since " + p.since() + " ("
                + Duration.ofNanos(lasted).toSeconds() + " s)");
    }

    /**
     * The destination is in trouble: {@code kind} ({@code intake refusing}, {@code intake unreachable}) and
     * {@code what} ({@code HTTP 503 (service_unavailable)}); a trouble that goes on keeps the time it began.
     */
    public void trouble(String kind, String what) {
        lastTrouble = kind + ": " + what + " at " + Instant.now();
        Problem p = problem;
        // Still failing (maybe another way): the problem keeps the time it began, with the latest description.
        problem = p != null
                ? new Problem(kind, what, p.sinceNanos(), p.since())
                : new Problem(kind, what, nanoClock.getAsLong(), Instant.now());
    }

    /**
     * The latest trouble, at once (no grace period) and still after the destination recovered, with its time
     * ({@code intake unreachable: Connection refused at 2026-11-27T16:20:00Z}); for {@code logship-agent status}.
     */
    public Optional<String> lastTrouble() {
        return Optional.ofNullable(lastTrouble);
    }

    /** The innermost cause's message (e.g. "Connection refused"), with any URL in it redacted. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; depth < 8 && t.getCause() != null && t.getCause() != t; depth++) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return Redacted.text(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
    }

    @Override
    public String toString() {
        Problem p = problem;
        return p == null ? "DestinationHealth{ok}" : "DestinationHealth{" + p.kind() + ": " + p.what() + '}';
    }
}
