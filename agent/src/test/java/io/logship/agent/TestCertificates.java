package io.logship.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the TLS tests, issued here with Bouncy Castle: a CA, server certificates for 127.0.0.1, ::1 and
 * localhost, client certificates, expired ones. Keys are EC P-256 (fast to generate) unless RSA is asked for.
 * Serial numbers are unique within a run, so a test can tell which certificate a server presented.
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its key. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** Writes the certificate (PEM) to {@code cert} and its key (PKCS#8 PEM) to {@code key}. */
        public void write(Path cert, Path key) {
            writeCertificates(cert, certificate);
            writePem(key, "PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** Writes the RSA key in the PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
        public void writePkcs1Key(Path key) {
            try {
                byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded())
                        .parsePrivateKey()
                        .toASN1Primitive()
                        .getEncoded();
                writePem(key, "RSA PRIVATE KEY", pkcs1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestCertificates() {}

    public static Issued ca(String name) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(
                build(name, keys, name, keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true),
                keys);
    }

    /** A leaf certificate for 127.0.0.1, ::1 and localhost, valid from an hour ago for a day. */
    public static Issued leaf(String name, Issued issuer) {
        Instant now = Instant.now();
        return leaf(name, issuer, ecKeys(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    /** A leaf certificate that expired an hour ago. */
    public static Issued expired(String name, Issued issuer) {
        Instant now = Instant.now();
        return leaf(name, issuer, ecKeys(), now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)));
    }

    /** A leaf certificate with an RSA key. */
    public static Issued rsaLeaf(String name, Issued issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Instant now = Instant.now();
            return leaf(
                    name,
                    issuer,
                    generator.generateKeyPair(),
                    now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(1)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued leaf(String name, Issued issuer, KeyPair keys, Instant from, Instant to) {
        return new Issued(
                build(
                        name,
                        keys,
                        issuer.certificate().getSubjectX500Principal().getName(),
                        issuer.keys(),
                        from,
                        to,
                        false),
                keys);
    }

    public static void writeCertificates(Path file, X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate c : certificates) {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        write(file, pem.toString());
    }

    private static void writePem(Path file, String label, byte[] der) {
        write(file, pem(label, der));
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            // Written whole then moved, as a rotation tool would, so a reader never sees half a file.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(
            String subject,
            KeyPair subjectKeys,
            String issuer,
            KeyPair issuerKeys,
            Instant from,
            Instant to,
            boolean ca) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(issuer.contains("=") ? issuer : "CN=" + issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(from),
                    Date.from(to),
                    new X500Name("CN=" + subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(List.of(
                                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                                        new GeneralName(GeneralName.iPAddress, "::1"),
                                        new GeneralName(GeneralName.dNSName, "localhost"))
                                .toArray(GeneralName[]::new)));
            }
            String algorithm =
                    issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
