package io.logship.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer page's static files, served from the classpath ({@code io/logship/intake/explorer/}): the page at
 * {@code /} and its stylesheet and script. The page itself holds no record data; its script reads the JSON API
 * ({@code /api/search}, {@code /api/facets}, {@code /api/histogram}, {@code /api/tail}, {@code /api/summary}) and
 * puts every record value on the page as text, never as markup.
 *
 * <p>Every answer carries a {@code Content-Security-Policy} that allows only this intake's own script, styles and
 * API, and no framing: a record that slipped markup past the script still could not run code or load anything.
 *
 * <p>The files are read once, when the class loads (a few kilobytes); immutable and thread-safe afterwards.
 */
final class ExplorerAssets {
    static final String PAGE = "/";
    static final String STYLESHEET = "/explorer/explorer.css";
    static final String SCRIPT = "/explorer/explorer.js";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String RESOURCE_DIRECTORY = "explorer/";

    private static final Map<String, IntakeResponse> ASSETS = Map.of(
            PAGE, load("index.html", "text/html; charset=utf-8"),
            STYLESHEET, load("explorer.css", "text/css; charset=utf-8"),
            SCRIPT, load("explorer.js", "text/javascript; charset=utf-8"));

    private ExplorerAssets() {}

    /** The answer for {@code path}, when it is one of the explorer's files. */
    static Optional<IntakeResponse> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    private static IntakeResponse load(String name, String contentType) {
        try (InputStream in = ExplorerAssets.class.getResourceAsStream(RESOURCE_DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("explorer file missing from the jar: " + RESOURCE_DIRECTORY + name);
            }
            return IntakeResponse.asset(contentType, in.readAllBytes())
                    .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .withHeader("X-Content-Type-Options", "nosniff")
                    .withHeader("Referrer-Policy", "no-referrer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read explorer file " + RESOURCE_DIRECTORY + name, e);
        }
    }
}
