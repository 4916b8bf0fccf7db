package io.logship.intake;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Refuses requests that a web browser sent on behalf of another site: the local intake has no login, so without
 * this any page the user visits could post records, arm the fault knobs or read records (issue 11: one cross-site
 * {@code text/plain} POST to {@code /_knobs/fail} made the intake answer 400 to, and drop, every later batch).
 *
 * <p>A request is refused (the router answers 403) when any of these holds:
 * <ul>
 *   <li>its {@code Host} is missing or is not this intake's address and port: the bind address, plus
 *   {@code localhost}, {@code 127.0.0.1} and {@code [::1]} when bound to loopback or to every interface, plus any
 *   IP literal when bound to every interface. This stops DNS rebinding (a foreign name resolving to 127.0.0.1
 *   still carries the foreign name in {@code Host});</li>
 *   <li>its {@code Origin} is present and is not {@code http://<an allowed host>:<port>} (so {@code Origin: null}
 *   is refused too);</li>
 *   <li>it is not a GET or HEAD and its {@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site}
 *   (a link from another site to the page stays allowed: a navigation changes nothing, and the other site cannot
 *   read the answer).</li>
 * </ul>
 * Shippers (the agent, the Datadog Agent, Vector, curl) send a matching {@code Host} and no {@code Origin}.
 *
 * <p>Stateless and thread-safe; the port is read when a request arrives (the intake may bind port 0).
 */
final class RequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowedHosts;
    private final boolean anyIpLiteral;
    private final IntSupplier port;

    RequestGuard(String bindHost, IntSupplier port) {
        this.port = port;
        String bind = bindHost.toLowerCase(Locale.ROOT);
        String bracketed = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        Set<String> hosts = new TreeSet<>();
        hosts.add(bracketed);
        boolean wildcard = false;
        try {
            InetAddress address = InetAddress.getByName(bindHost);
            wildcard = address.isAnyLocalAddress();
            if (address.isLoopbackAddress() || wildcard) {
                hosts.addAll(LOOPBACK_NAMES);
            }
        } catch (UnknownHostException e) {
            // The bind itself fails on such a name; only the name as given is allowed meanwhile.
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.anyIpLiteral = wildcard;
    }

    /** Why {@code request} is refused, or empty when it may proceed. */
    Optional<String> refusal(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            return Optional.of("refused: no Host header");
        }
        if (!allowed(host)) {
            return Optional.of("refused: Host '" + shorten(host) + "' is not this intake's address");
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !sameOrigin(origin)) {
            return Optional.of("refused: cross-site request from Origin '" + shorten(origin) + "'");
        }
        String fetchSite = request.headers().get("Sec-Fetch-Site");
        boolean readOnly =
                request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        if (fetchSite != null
                && !readOnly
                && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            return Optional.of("refused: cross-site request (Sec-Fetch-Site: " + shorten(fetchSite) + ")");
        }
        return Optional.empty();
    }

    /** {@code host[:port]} or {@code [v6][:port]}; no port means 80. */
    private boolean allowed(String hostHeader) {
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host;
        String portText;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = value.substring(0, end + 1);
            String rest = value.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return false;
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.indexOf(':');
            if (colon != value.lastIndexOf(':')) {
                return false; // a bare IPv6 literal is not a valid Host
            }
            host = colon < 0 ? value : value.substring(0, colon);
            portText = colon < 0 ? null : value.substring(colon + 1);
        }
        return hostAllowed(host) && portMatches(portText);
    }

    private boolean hostAllowed(String host) {
        if (allowedHosts.contains(host)) {
            return true;
        }
        if (!anyIpLiteral) {
            return false;
        }
        // Bound to every interface: an IP literal cannot be a rebound DNS name.
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.isValidIpV4Address(bare) || (host.startsWith("[") && NetUtil.isValidIpV6Address(bare));
    }

    private boolean portMatches(String portText) {
        int expected = port.getAsInt();
        if (portText == null) {
            return expected == 80;
        }
        try {
            return Integer.parseInt(portText) == expected;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean sameOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return hostAllowed(host) && (uri.getPort() < 0 ? port.getAsInt() == 80 : uri.getPort() == port.getAsInt());
    }

    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
