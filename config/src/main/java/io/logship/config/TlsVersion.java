package io.logship.config;

import java.util.Locale;

/** The oldest TLS version a TLS listener accepts ({@code tls.min_version}); older ones are refused. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    /** What the configuration accepts, as the end of an error message. */
    static final String EXPECTED = "TLSv1.2 or TLSv1.3";

    private final String protocol;

    TlsVersion(String protocol) {
        this.protocol = protocol;
    }

    /** The JSSE protocol name, {@code TLSv1.2}; also how the version is written in YAML. */
    public String protocol() {
        return protocol;
    }

    /** {@code TLSv1.2} (any case) or {@code 1.2}; {@link IllegalArgumentException} for anything else. */
    static TlsVersion parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (TlsVersion v : values()) {
            String name = v.protocol.toLowerCase(Locale.ROOT);
            if (wanted.equals(name) || wanted.equals(name.substring("tlsv".length()))) {
                return v;
            }
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    @Override
    public String toString() {
        return protocol;
    }
}
