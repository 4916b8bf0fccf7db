package io.logship.logback.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test with Bouncy Castle: a CA, and keys + certificates it signs, written as PEM files.
 * EC P-256 keys, so that generating them is fast.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate, and where they were written. */
    public record Issued(KeyPair keys, X509Certificate certificate, Path certFile, Path keyFile) {

        /** An SSL context presenting this certificate and trusting {@code trusted} (null: trust nobody's client). */
        public SSLContext serverContext(Issued trusted) {
            try {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("key", keys.getPrivate(), new char[0], new X509Certificate[] {certificate});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, new char[0]);
                KeyStore trustStore = KeyStore.getInstance("PKCS12");
                trustStore.load(null, null);
                if (trusted != null) {
                    trustStore.setCertificateEntry("ca", trusted.certificate);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    /** A self-signed CA named {@code name}. */
    public Issued ca(String name) {
        return issue(name, null, null, true, Duration.ofDays(1));
    }

    /** A leaf certificate for {@code 127.0.0.1} and {@code localhost}, signed by {@code ca}. */
    public Issued leaf(String name, Issued ca) {
        return issue(name, ca, new String[] {"127.0.0.1", "localhost"}, false, Duration.ofDays(1));
    }

    /** A leaf certificate naming only {@code dnsName}, signed by {@code ca}. */
    public Issued leafFor(String name, Issued ca, String dnsName) {
        return issue(name, ca, new String[] {dnsName}, false, Duration.ofDays(1));
    }

    /** A leaf for {@code 127.0.0.1} that expired an hour ago. */
    public Issued expiredLeaf(String name, Issued ca) {
        return issue(name, ca, new String[] {"127.0.0.1", "localhost"}, false, Duration.ofHours(-1));
    }

    private Issued issue(String name, Issued issuer, String[] names, boolean isCa, Duration validFor) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            Instant notBefore = now.minus(Duration.ofDays(2));
            X500Name subject = new X500Name("CN=" + name);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer == null
                            ? subject
                            : new X500Name(
                                    issuer.certificate.getSubjectX500Principal().getName()),
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(now.plus(validFor)),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (names != null) {
                GeneralName[] alt = new GeneralName[names.length];
                for (int i = 0; i < names.length; i++) {
                    boolean ip = Character.isDigit(names[i].charAt(0));
                    alt[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
            }
            KeyPair signer = issuer == null ? keys : issuer.keys;
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
            Path certFile = write(name + ".crt", cert);
            Path keyFile = writePkcs8(name + ".key", keys.getPrivate());
            return new Issued(keys, cert, certFile, keyFile);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test certificate " + name, e);
        }
    }

    private Path writePkcs8(String fileName, PrivateKey key) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return Files.writeString(dir.resolve(fileName), pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String fileName, Object pemObject) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(pemObject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(dir.resolve(fileName), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
