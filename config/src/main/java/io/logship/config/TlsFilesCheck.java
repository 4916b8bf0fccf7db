package io.logship.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads the files of a {@link Tls} section once at load, so that a missing or unreadable file, a file that holds no
 * certificate or no key, and a key that does not belong to the certificate are configuration errors at start, each
 * one line under its key's path ({@code logs[0].tls.key_file: /etc/x.key: file not found}).
 */
final class TlsFilesCheck {
    private TlsFilesCheck() {}

    static void check(Tls tls, String prefix, Problems problems) {
        List<X509Certificate> chain = read(prefix, ConfigKeys.SOURCE_TLS_CERT_FILE, tls.certFile(), problems);
        PrivateKey key = readKey(prefix, tls.keyFile(), problems);
        if (chain != null && key != null) {
            try {
                PemFiles.checkPair(key, chain.get(0));
            } catch (IllegalArgumentException e) {
                problems.at(
                        path(prefix, ConfigKeys.SOURCE_TLS_KEY_FILE),
                        tls.keyFile() + ": " + e.getMessage() + " in " + ConfigKeys.SOURCE_TLS_CERT_FILE.path());
            }
        }
        tls.clientCaFile().ifPresent(ca -> read(prefix, ConfigKeys.SOURCE_TLS_CLIENT_CA_FILE, ca, problems));
    }

    private static List<X509Certificate> read(String prefix, ConfigKey<LogSource> key, Path file, Problems problems) {
        try {
            return PemFiles.certificates(PemFiles.read(file));
        } catch (IllegalArgumentException e) {
            problems.at(path(prefix, key), file + ": " + e.getMessage());
            return null;
        }
    }

    private static PrivateKey readKey(String prefix, Path file, Problems problems) {
        try {
            return PemFiles.privateKey(PemFiles.read(file));
        } catch (IllegalArgumentException e) {
            problems.at(path(prefix, ConfigKeys.SOURCE_TLS_KEY_FILE), file + ": " + e.getMessage());
            return null;
        }
    }

    private static String path(String prefix, ConfigKey<LogSource> key) {
        return prefix + "." + key.path();
    }
}
