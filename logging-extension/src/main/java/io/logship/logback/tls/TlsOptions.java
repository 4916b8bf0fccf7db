package io.logship.logback.tls;

/**
 * The TLS settings of one output, as an appender's {@code tls*} properties set them. Mutable, like the appender
 * that holds it; {@link TlsClient#create} checks the values and reads the files.
 *
 * <p>Trust: {@code caFile} (PEM certificates) or {@code trustStore} (a key store file, with {@code
 * trustStorePassword} and {@code trustStoreType}), at most one; neither means the JVM's default trust. Mutual TLS:
 * {@code certFile} (PEM chain, leaf first) and {@code keyFile} (PEM private key, PKCS#8 or PKCS#1), both or none.
 * {@link #toString()} never shows the password.
 */
public final class TlsOptions {

    /** Default trust store type: {@value}, the JDK's default key store format since Java 9. */
    public static final String DEFAULT_TRUST_STORE_TYPE = "PKCS12";

    private boolean enabled;
    private String caFile;
    private String trustStore;
    private String trustStorePassword;
    private String trustStoreType = DEFAULT_TRUST_STORE_TYPE;
    private String certFile;
    private String keyFile;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = blankToNull(caFile);
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = blankToNull(trustStore);
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
        return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = blankToNull(trustStoreType) == null ? DEFAULT_TRUST_STORE_TYPE : trustStoreType.trim();
    }

    public String getCertFile() {
        return certFile;
    }

    public void setCertFile(String certFile) {
        this.certFile = blankToNull(certFile);
    }

    public String getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(String keyFile) {
        this.keyFile = blankToNull(keyFile);
    }

    /** Whether any trust or client certificate setting is given (a mistake while TLS is off). */
    public boolean anyFileSet() {
        return caFile != null || trustStore != null || certFile != null || keyFile != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(enabled ? "tls on" : "tls off");
        if (caFile != null) {
            sb.append(", caFile ").append(caFile);
        }
        if (trustStore != null) {
            sb.append(", trustStore ")
                    .append(trustStore)
                    .append(" (")
                    .append(trustStoreType)
                    .append(')');
        }
        if (caFile == null && trustStore == null) {
            sb.append(", the JVM's default trust");
        }
        if (certFile != null) {
            sb.append(", client certificate ").append(certFile);
        }
        return sb.toString();
    }
}
