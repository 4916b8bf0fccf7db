package io.logship.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The whole configuration of a logship agent, immutable and validated. Build it with {@link ConfigLoader};
 * every key, its default and its meaning are listed once, in {@link ConfigKeys}.
 *
 * <p>{@link #toString()} is safe to print: the API key renders as {@value Secret#REDACTED}.
 *
 * <p>{@code requireDestination} ({@code require_destination}, set by the packaged configuration files): the
 * loader refuses a configuration with no API key, no intake URL and no {@code local_intake.enabled: true}.
 */
public record LogshipConfig(
        Secret apiKey,
        String site,
        String hostname,
        List<String> tags,
        Intake intake,
        BatchLimits batch,
        Retry retry,
        Buffer buffer,
        Spool spool,
        Metrics metrics,
        LocalIntakeConfig localIntake,
        Duration stopGracePeriod,
        List<LogSource> logs,
        boolean requireDestination) {
    /** A configuration that does not require a destination (the embedded default). */
    public LogshipConfig(
            Secret apiKey,
            String site,
            String hostname,
            List<String> tags,
            Intake intake,
            BatchLimits batch,
            Retry retry,
            Buffer buffer,
            Spool spool,
            Metrics metrics,
            LocalIntakeConfig localIntake,
            Duration stopGracePeriod,
            List<LogSource> logs) {
        this(
                apiKey,
                site,
                hostname,
                tags,
                intake,
                batch,
                retry,
                buffer,
                spool,
                metrics,
                localIntake,
                stopGracePeriod,
                logs,
                false);
    }

    /** The Datadog site whose intake is used when an API key but no intake URL is configured. */
    public static final String DEFAULT_SITE = "datadoghq.com";
    /** The Datadog Agent's {@code logs_config.stop_grace_period}. */
    public static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(30);

    public LogshipConfig {
        tags = List.copyOf(tags);
        logs = List.copyOf(logs);
    }

    /**
     * True when records go to the embedded local intake: neither an intake URL nor an API key is configured,
     * so a newcomer sees records flow with no setup.
     */
    public boolean usesLocalIntake() {
        return intake.url().isEmpty() && !apiKey.isPresent();
    }

    /**
     * Where batches are posted: {@code intake.url} if set; else, with an API key, the public intake of
     * {@code site} ({@code https://http-intake.logs.<site>/api/v2/logs}); else the local intake.
     */
    public URI resolvedIntakeUrl() {
        if (intake.url().isPresent()) {
            return intake.url().get();
        }
        if (apiKey.isPresent()) {
            return URI.create("https://http-intake.logs." + site + "/api/v2/logs");
        }
        String host = localIntake.bind().contains(":") ? "[" + localIntake.bind() + "]" : localIntake.bind();
        return URI.create("http://" + host + ":" + localIntake.port() + "/api/v2/logs");
    }
}
