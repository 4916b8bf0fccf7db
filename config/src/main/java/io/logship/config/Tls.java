package io.logship.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tls:} section of a {@code type: tcp} source: the listener speaks TLS only; plain-text clients are
 * refused. The files are PEM; the loader has read and checked them once ({@link PemFiles}), and the agent reads
 * them again whenever they change.
 *
 * @param certFile the server's certificate chain, leaf first
 * @param keyFile the private key of the leaf certificate (PKCS#8, or PKCS#1 for RSA), unencrypted
 * @param clientCaFile when present, clients must present a certificate issued by one of these CAs (mutual TLS)
 * @param minVersion the oldest protocol version accepted
 */
public record Tls(Path certFile, Path keyFile, Optional<Path> clientCaFile, TlsVersion minVersion) {
    /** TLS 1.2 is the oldest version without known protocol weaknesses (RFC 8996 deprecates 1.0 and 1.1). */
    public static final TlsVersion DEFAULT_MIN_VERSION = TlsVersion.TLS_1_2;

    public Tls {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(clientCaFile, "clientCaFile");
        Objects.requireNonNull(minVersion, "minVersion");
    }
}
