package io.logship.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads PEM certificates and private keys with the JDK alone, so that every problem becomes one line the loader can
 * put after a key path: file not found, not readable, no certificate in it, not a key, an encrypted key, a key that
 * does not belong to the certificate. Private keys: PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519) and PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}), which is wrapped into PKCS#8 here because the JDK's key factories (and Netty's JDK
 * provider) read PKCS#8 only.
 *
 * <p>Every method throws {@link IllegalArgumentException} with a message that names no path (the caller does).
 * Stateless and thread-safe.
 */
public final class PemFiles {
    /** The DER of {@code AlgorithmIdentifier {rsaEncryption, NULL}}, for wrapping a PKCS#1 key into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

    private PemFiles() {}

    /** The bytes of {@code file}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file not found");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("file not readable (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException("file not readable (" + e.getMessage() + ")");
        }
    }

    /** Every {@code CERTIFICATE} block of {@code pem}, in order; at least one. */
    public static List<X509Certificate> certificates(byte[] pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem)) {
                if (block.label().equals("CERTIFICATE")) {
                    certificates.add(
                            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a CERTIFICATE block is not a valid X.509 certificate");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** The one unencrypted private key of {@code pem}. */
    public static PrivateKey privateKey(byte[] pem) {
        for (Block block : blocks(pem)) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der());
                case "RSA PRIVATE KEY":
                    if (block.encrypted()) {
                        throw encrypted();
                    }
                    return pkcs8(pkcs1ToPkcs8(block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted();
                case "EC PRIVATE KEY":
                    throw new IllegalArgumentException("an EC PRIVATE KEY (SEC1) is not read; convert it to PKCS#8 "
                            + "with: openssl pkcs8 -topk8 -nocrypt");
                default:
                // certificates or parameters next to the key: skipped
            }
        }
        throw new IllegalArgumentException(
                "no PEM private key in it (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
    }

    /** Throws unless {@code key} is the private key of {@code certificate}: it signs, the certificate verifies. */
    public static void checkPair(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign without a separate digest
        };
        byte[] probe = "logship key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // another algorithm than the certificate's: not its key
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the certificate ("
                    + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static IllegalArgumentException encrypted() {
        return new IllegalArgumentException(
                "the private key is encrypted; give an unencrypted key (openssl pkcs8 -topk8 -nocrypt) and protect the "
                        + "file with its permissions");
    }

    private static PrivateKey pkcs8(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException("the PRIVATE KEY block is not an RSA, EC, Ed25519 or Ed448 key");
    }

    /** {@code PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING {pkcs1}}} (RFC 5208). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private record Block(String label, byte[] der, boolean encrypted) {}

    private static List<Block> blocks(byte[] pem) {
        List<Block> blocks = new ArrayList<>();
        String text = new String(pem, StandardCharsets.US_ASCII);
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                break;
            }
            String label = text.substring(begin + 11, labelEnd);
            String footer = "-----END " + label + "-----";
            int end = text.indexOf(footer, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException("the " + label + " block has no " + footer + " line");
            }
            String body = text.substring(labelEnd + 5, end);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            StringBuilder base64 = new StringBuilder();
            for (String line : body.split("\n")) {
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            try {
                blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + label + " block is not valid base64");
            }
            at = end + footer.length();
        }
        return blocks;
    }
}
