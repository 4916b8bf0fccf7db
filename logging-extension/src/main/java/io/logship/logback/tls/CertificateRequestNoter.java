package io.logship.logback.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client's key manager (or none), noting on the handshake session that the server asked for a client
 * certificate: under TLS 1.3 the server judges that certificate only after our handshake has finished, so {@link
 * TlsChannel} then waits for its verdict before a record is written.
 */
final class CertificateRequestNoter extends X509ExtendedKeyManager {

    /** Session value set when the server sent a certificate request. */
    static final String REQUESTED = "io.logship.tls.clientCertificateRequested";

    private final X509ExtendedKeyManager delegate;

    /** @param delegate the configured client key manager, or null when no client certificate is configured */
    CertificateRequestNoter(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        SSLSession handshake = engine == null ? null : engine.getHandshakeSession();
        if (handshake != null) {
            handshake.putValue(REQUESTED, Boolean.TRUE);
        }
        return delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }
}
