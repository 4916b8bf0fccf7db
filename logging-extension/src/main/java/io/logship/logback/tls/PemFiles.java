package io.logship.logback.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files: X.509 certificates, and an unencrypted private key in PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC,
 * Ed25519) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). Each failure is an {@link IllegalArgumentException} that starts
 * with the setting's name and says what to do.
 */
final class PemFiles {

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1_RSA = "RSA PRIVATE KEY";

    /** DER of the PKCS#8 header around a PKCS#1 RSA key: SEQUENCE { version 0, rsaEncryption AlgorithmIdentifier }. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x02,
        0x01,
        0x00,
        0x30,
        0x0d,
        0x06,
        0x09,
        0x2a,
        (byte) 0x86,
        0x48,
        (byte) 0x86,
        (byte) 0xf7,
        0x0d,
        0x01,
        0x01,
        0x01,
        0x05,
        0x00
    };

    private PemFiles() {}

    /** Every certificate in {@code file}; at least one. */
    static List<X509Certificate> certificates(String setting, String file) {
        byte[] bytes = read(setting, file);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            factory.generateCertificates(new ByteArrayInputStream(bytes)).forEach(c -> certs.add((X509Certificate) c));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(
                        setting + " " + file + ": no certificate in it (expected PEM, -----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    setting + " " + file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
    }

    /** The private key in {@code file}. */
    static PrivateKey privateKey(String setting, String file) {
        String text = new String(read(setting, file), StandardCharsets.US_ASCII);
        byte[] pkcs8;
        if (text.contains("-----BEGIN " + PKCS8 + "-----")) {
            pkcs8 = body(setting, file, text, PKCS8);
        } else if (text.contains("-----BEGIN " + PKCS1_RSA + "-----")) {
            pkcs8 = wrapPkcs1Rsa(body(setting, file, text, PKCS1_RSA));
        } else if (text.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(setting + " " + file + ": the key is encrypted; give an unencrypted"
                    + " key (openssl pkcs8 -topk8 -nocrypt) and protect the file with its permissions");
        } else {
            throw new IllegalArgumentException(setting + " " + file + ": no PEM private key in it (expected"
                    + " -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----; convert others with"
                    + " openssl pkcs8 -topk8 -nocrypt)");
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // Not this algorithm: PKCS#8 names it inside, and trying the few we support is simpler than parsing.
            }
        }
        throw new IllegalArgumentException(
                setting + " " + file + ": the private key is not an RSA, EC or Ed25519 key this JVM can read");
    }

    private static byte[] read(String setting, String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(setting + " " + file + ": cannot read it (" + e + ")", e);
        }
    }

    private static byte[] body(String setting, String file, String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin) + begin.length();
        int to = text.indexOf(end, from);
        if (to < 0) {
            throw new IllegalArgumentException(setting + " " + file + ": " + begin + " without " + end);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " " + file + ": the PEM body is not base64", e);
        }
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: SEQUENCE { header, OCTET STRING { pkcs1 } }. */
    private static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
        byte[] octets = concat(new byte[] {0x04}, derLength(pkcs1.length), pkcs1);
        byte[] content = concat(RSA_ALGORITHM_ID, octets, new byte[0]);
        return concat(new byte[] {0x30}, derLength(content.length), content);
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
