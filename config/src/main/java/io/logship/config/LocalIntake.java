package io.logship.config;

import java.nio.file.Path;

/**
 * The embedded Datadog-compatible intake, started when neither an API key nor an intake URL is configured.
 *
 * @param bind where it listens
 * @param port its port; 0 picks a free one
 * @param path the directory of its on-disk store
 * @param enabled {@code local_intake.enabled}: the operator asked for it, so {@code require_destination} accepts
 *     it as the destination
 */
public record LocalIntake(String bind, int port, Path path, boolean enabled) {
    /** Not explicitly enabled: used only when nothing else is configured and no destination is required. */
    public LocalIntake(String bind, int port, Path path) {
        this(bind, port, path, false);
    }

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8282;
    /** Relative to the working directory, so a newcomer sees where the records went. */
    public static final Path DEFAULT_PATH = Path.of("logship-data", "intake");
}
