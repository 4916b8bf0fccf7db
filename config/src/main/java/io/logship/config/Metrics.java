package io.logship.config;

/** The Prometheus endpoint ({@code /metrics}, {@code /health}, {@code /ready}). */
public record Metrics(boolean enabled, String bind, int port) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Micrometer's conventional Prometheus exporter port. */
    public static final int DEFAULT_PORT = 9464;
}
