package io.logship.agent.destinations.intake;

import io.logship.config.Redacted;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where batches go: the parts of the intake URL the HTTP client needs.
 *
 * @param url the full URL, e.g. {@code https://http-intake.logs.datadoghq.com/api/v2/logs}
 * @param host the host name (brackets of an IPv6 literal removed)
 * @param port the port, 443/80 when the URL has none
 * @param pathAndQuery the request target, {@code /} when the URL has no path
 * @param tls whether the scheme is {@code https}
 */
public record IntakeEndpoint(URI url, String host, int port, String pathAndQuery, boolean tls) {
    /**
     * Parses an intake URL.
     *
     * @throws IllegalArgumentException when the scheme is not http/https or the host is missing
     */
    public static IntakeEndpoint of(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("intake url must be http or https: " + Redacted.url(url));
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("intake url has no host: " + Redacted.url(url));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean tls = scheme.equals("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + '?' + url.getRawQuery();
        return new IntakeEndpoint(url, host, port, target, tls);
    }

    /** The {@code Host} header value. */
    public String hostHeader() {
        String h = host.contains(":") ? '[' + host + ']' : host;
        return (tls && port == 443) || (!tls && port == 80) ? h : h + ':' + port;
    }
}
