package io.logship.logback.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS client context built once from {@link TlsOptions}: it makes one {@link SSLEngine} per connection, in client
 * mode, with host name verification on (the {@code HTTPS} endpoint identification of RFC 2818: the server's
 * certificate must name the host, or the IP address, the output connects to) and SNI for host names.
 */
public final class TlsClient {

    private static final char[] NO_PASSWORD = new char[0];

    private final SSLContext context;

    private TlsClient(SSLContext context) {
        this.context = context;
    }

    /**
     * Checks {@code options}, reads their files and builds the context.
     *
     * @throws IllegalArgumentException naming the setting ({@code tlsCaFile}, {@code tlsTrustStore}, {@code
     *     tlsCertFile}, {@code tlsKeyFile}) and what is wrong with it
     */
    public static TlsClient create(TlsOptions options) {
        if (options.getCaFile() != null && options.getTrustStore() != null) {
            throw new IllegalArgumentException("tlsCaFile and tlsTrustStore are both set; give one of them");
        }
        if ((options.getCertFile() == null) != (options.getKeyFile() == null)) {
            throw new IllegalArgumentException(
                    "tlsCertFile and tlsKeyFile go together (mutual TLS); one of them is missing");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(options), trustManagers(options), null);
            return new TlsClient(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS cannot be set up in this JVM: " + e.getMessage(), e);
        }
    }

    /** A new client engine for a connection to {@code host:port}. */
    public SSLEngine newEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    private static TrustManager[] trustManagers(TlsOptions options) throws GeneralSecurityException {
        KeyStore trusted;
        if (options.getCaFile() != null) {
            trusted = emptyStore();
            int i = 0;
            for (X509Certificate ca : PemFiles.certificates("tlsCaFile", options.getCaFile())) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
        } else if (options.getTrustStore() != null) {
            trusted = loadTrustStore(options);
        } else {
            return null; // the JVM's default trust (cacerts, or javax.net.ssl.trustStore)
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static KeyStore loadTrustStore(TlsOptions options) {
        String file = options.getTrustStore();
        KeyStore store;
        try {
            store = KeyStore.getInstance(options.getTrustStoreType());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("tlsTrustStoreType " + options.getTrustStoreType()
                    + ": not a key store type this JVM knows (PKCS12 or JKS)");
        }
        String password = options.getTrustStorePassword();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || isPasswordProblem(e)) {
                throw new IllegalArgumentException(
                        "tlsTrustStorePassword: wrong password for tlsTrustStore " + file, e);
            }
            throw new IllegalArgumentException(
                    "tlsTrustStore " + file + ": cannot read it as a " + options.getTrustStoreType() + " key store ("
                            + e.getMessage() + ")",
                    e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "tlsTrustStore " + file + ": cannot read it as a " + options.getTrustStoreType() + " key store ("
                            + e.getMessage() + ")",
                    e);
        }
    }

    private static boolean isPasswordProblem(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("password");
    }

    private static KeyManager[] keyManagers(TlsOptions options) throws GeneralSecurityException {
        if (options.getCertFile() == null) {
            return new KeyManager[] {new CertificateRequestNoter(null)};
        }
        List<X509Certificate> chain = PemFiles.certificates("tlsCertFile", options.getCertFile());
        PrivateKey key = PemFiles.privateKey("tlsKeyFile", options.getKeyFile());
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "tlsKeyFile " + options.getKeyFile() + ": the key does not go with the certificate in tlsCertFile ("
                            + e.getMessage() + ")",
                    e);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return new KeyManager[] {new CertificateRequestNoter((X509ExtendedKeyManager) factory.getKeyManagers()[0])};
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
