package io.logship.agent.sources.tcp;

import io.logship.agent.metrics.LogLimiter;
import io.logship.config.PemFiles;
import io.logship.config.Tls;
import io.logship.config.TlsVersion;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of one {@code type: tcp} source: the server {@link SslContext} built from the {@code tls:} files, and
 * a background check every {@link #DEFAULT_RELOAD_INTERVAL} that rebuilds it when a file's content changed, so a
 * rotated certificate is served without a restart. New connections get the new context; open ones keep theirs.
 *
 * <p>Provider: the JDK's. netty-tcnative (OpenSSL/BoringSSL) resolves here, but its linux-x86_64 jar alone is 1.4 MB,
 * over what the agent jar's size budget leaves, and one provider means one behaviour to test.
 *
 * <p>Failure modes: a file that cannot be read or parsed at start is an {@link IOException} naming the key. A
 * changed file that is broken (half written, a key that does not match) keeps the old context and logs one warning
 * line per broken content, at most every {@value LogLimiter#DEFAULT_INTERVAL_SECONDS} s, without a stack trace; the
 * files are read again at the next check.
 *
 * <p>Thread-safe: the context is a volatile reference read once per new connection; the files are read on this
 * object's own daemon thread, never on an event loop.
 */
public final class ServerTls implements AutoCloseable {
    /** How often the files are compared with what was loaded: a rotated certificate is served within this time. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final Tls config;
    private final String name;
    private final LogLimiter warnings = new LogLimiter();
    private final ScheduledExecutorService reloader;
    private volatile Loaded current;
    private List<byte[]> loaded;
    private List<byte[]> rejected;

    private ServerTls(Tls config, String name, Duration reloadInterval) throws IOException {
        this.config = config;
        this.name = name;
        List<byte[]> files = readFiles();
        this.current = build(files);
        this.loaded = files;
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logship-tls-reload " + name);
            t.setDaemon(true);
            return t;
        });
        long millis = reloadInterval.toMillis();
        reloader.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the files and starts checking them every {@link #DEFAULT_RELOAD_INTERVAL}.
     *
     * @param name the source, for log lines ({@code tcp 0.0.0.0:10518})
     * @throws IOException if a file cannot be read or does not hold what its key wants (the message names the key)
     */
    public static ServerTls start(Tls config, String name) throws IOException {
        return new ServerTls(config, name, DEFAULT_RELOAD_INTERVAL);
    }

    /** As {@link #start(Tls, String)}, checking the files every {@code reloadInterval}. */
    static ServerTls start(Tls config, String name, Duration reloadInterval) throws IOException {
        return new ServerTls(config, name, reloadInterval);
    }

    /** A new handler for one connection, with the current context; the connection owns it. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        return current.context().newHandler(alloc);
    }

    /** The leaf certificate new connections are served now. */
    X509Certificate certificate() {
        return current.certificate();
    }

    /** A context and the leaf certificate it serves. */
    private record Loaded(SslContext context, X509Certificate certificate) {}

    /** Rebuilds the context if a file's content changed since it was loaded; on the reload thread. */
    void reloadIfChanged() {
        List<byte[]> files;
        try {
            files = readFiles();
        } catch (IOException e) {
            warnKeptOld(e.getMessage(), null);
            return;
        }
        if (same(files, loaded)) {
            return;
        }
        try {
            current = build(files);
            loaded = files;
            rejected = null;
            LOG.info("{}: TLS files changed: new connections use the new certificate", name);
        } catch (IOException e) {
            warnKeptOld(e.getMessage(), files);
        }
    }

    private void warnKeptOld(String why, List<byte[]> files) {
        if (files != null && same(files, rejected)) {
            return; // this content was reported already
        }
        rejected = files;
        if (warnings.mayLog()) {
            LOG.warn(
                    "{}: the changed TLS files are not usable, the previous certificate is kept: {} (checked again "
                            + "every {} s)",
                    name,
                    why,
                    DEFAULT_RELOAD_INTERVAL.toSeconds());
        }
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The cert, key and (if set) client CA files' bytes, in that order. */
    private List<byte[]> readFiles() throws IOException {
        byte[] cert = read("tls.cert_file", config.certFile());
        byte[] key = read("tls.key_file", config.keyFile());
        Optional<Path> ca = config.clientCaFile();
        return ca.isPresent() ? List.of(cert, key, read("tls.client_ca_file", ca.get())) : List.of(cert, key);
    }

    private static byte[] read(String key, Path file) throws IOException {
        try {
            return PemFiles.read(file);
        } catch (IllegalArgumentException e) {
            throw new IOException(key + ": " + file + ": " + e.getMessage());
        }
    }

    private Loaded build(List<byte[]> files) throws IOException {
        List<X509Certificate> chain =
                parse("tls.cert_file", config.certFile(), () -> PemFiles.certificates(files.get(0)));
        PrivateKey key = parse("tls.key_file", config.keyFile(), () -> PemFiles.privateKey(files.get(1)));
        parse("tls.key_file", config.keyFile(), () -> {
            PemFiles.checkPair(key, chain.get(0));
            return key;
        });
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(protocols(config.minVersion()));
        if (files.size() > 2) {
            List<X509Certificate> cas = parse(
                    "tls.client_ca_file",
                    config.clientCaFile().orElseThrow(),
                    () -> PemFiles.certificates(files.get(2)));
            builder.trustManager(cas.toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
        }
        try {
            return new Loaded(builder.build(), chain.get(0));
        } catch (SSLException e) {
            throw new IOException("tls: cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    /** The protocol versions from {@code min} up, newest first. */
    static String[] protocols(TlsVersion min) {
        return Arrays.stream(TlsVersion.values())
                .filter(v -> v.compareTo(min) >= 0)
                .map(TlsVersion::protocol)
                .sorted((a, b) -> b.compareTo(a))
                .toArray(String[]::new);
    }

    private static <T> T parse(String key, Path file, Supplier<T> parse) throws IOException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IOException(key + ": " + file + ": " + e.getMessage());
        }
    }

    /** Stops the file checks; open connections keep working. */
    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
