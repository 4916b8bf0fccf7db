package io.logship.logback.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns the JDK's TLS exceptions into one line that says why in words: "certificate not trusted", "host name
 * mismatch", "certificate expired", "client certificate refused", "not a TLS server", with the JDK's own message
 * after it for the details. The result is an {@link SSLException}, so callers see an {@link java.io.IOException} as
 * for any link failure.
 */
public final class TlsFailure {

    private TlsFailure() {}

    /** The handshake with {@code peer} failed. */
    static SSLException handshakeFailed(String peer, SSLException e) {
        return wrap("TLS handshake with " + peer + " failed: ", e);
    }

    /** An established session with {@code peer} failed (an alert after the handshake, a bad record). */
    static SSLException sessionFailed(String peer, SSLException e) {
        return wrap("TLS session with " + peer + " failed: ", e);
    }

    private static SSLException wrap(String prefix, SSLException e) {
        SSLException out = new SSLException(prefix + reason(e) + " (" + e.getMessage() + ")", e);
        out.setStackTrace(new StackTraceElement[0]); // reported as one line; the cause keeps the details
        return out;
    }

    /** The reason in words, from the exception and its causes. */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid";
            }
            if (t instanceof CertPathBuilderException) {
                return "certificate not trusted";
            }
            if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return "certificate expired";
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return "host name mismatch";
            }
            if (message.contains("certificate_required") || message.contains("bad_certificate")) {
                return "client certificate refused by the server";
            }
            if (message.contains("unknown_ca")) {
                return "our client certificate is not trusted by the server";
            }
            if (message.contains("certificate_expired")) {
                return "our client certificate is expired for the server";
            }
            if (message.contains("unrecognized ssl message")) {
                return "the server does not speak TLS";
            }
            if (message.contains("protocol_version") || message.contains("no appropriate protocol")) {
                return "no TLS version in common";
            }
        }
        return "handshake refused";
    }
}
