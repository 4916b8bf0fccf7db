/**
 * TLS for the extension's stream outputs (the Datadog output over TCP, syslog over TCP per RFC 5425): the settings
 * ({@link io.logship.logback.tls.TlsOptions}), the client context built from them ({@link
 * io.logship.logback.tls.TlsClient}: the JVM's default trust, a PEM CA file or a trust store; an optional client
 * certificate and key in PEM for mutual TLS; host name verification always on), and {@link
 * io.logship.logback.tls.TlsChannel}, an {@code SSLEngine} over the outputs' non-blocking socket channel, so the
 * handshake and every write keep the outputs' timeouts.
 *
 * <p>Failure modes: a setting that cannot be used (a missing file, a key that does not parse, a wrong trust store
 * password) is an {@link java.lang.IllegalArgumentException} naming the setting, reported by the appender at start.
 * A handshake that fails is an {@link java.io.IOException} whose message says why in words ({@link
 * io.logship.logback.tls.TlsFailure}: certificate not trusted, host name mismatch, expired, refused by the server);
 * the outputs treat it as any connection failure.
 */
package io.logship.logback.tls;
