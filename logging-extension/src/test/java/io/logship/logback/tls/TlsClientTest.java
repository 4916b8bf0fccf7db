package io.logship.logback.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logship.logback.testing.TestPki;
import io.logship.logback.testing.TestPki.Issued;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the client context from the settings: what is accepted, and how each mistake is named. */
class TlsClientTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path dir;

    private TlsOptions options() {
        TlsOptions options = new TlsOptions();
        options.setEnabled(true);
        return options;
    }

    private Path trustStore(Issued ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    @Test
    void enginesVerifyTheHostNameInClientMode() {
        SSLEngine engine = TlsClient.create(options()).newEngine("agent.internal", 10518);

        assertThat(engine.getUseClientMode()).isTrue();
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm())
                .isEqualTo("HTTPS");
        assertThat(engine.getPeerHost()).isEqualTo("agent.internal");
    }

    @Test
    void aTrustStoreWithItsPasswordIsAccepted() throws Exception {
        TlsOptions options = options();
        options.setTrustStore(trustStore(new TestPki(dir).ca("ca")).toString());
        options.setTrustStorePassword(PASSWORD);

        assertThat(TlsClient.create(options)).isNotNull();
    }

    @Test
    void aWrongTrustStorePasswordIsNamedWithoutShowingAnyPassword() throws Exception {
        TlsOptions options = options();
        Path store = trustStore(new TestPki(dir).ca("ca"));
        options.setTrustStore(store.toString());
        options.setTrustStorePassword("wrong-one");

        assertThatThrownBy(() -> TlsClient.create(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tlsTrustStorePassword: wrong password for tlsTrustStore " + store);
        options.setTrustStorePassword(PASSWORD);
        assertThat(options.toString()).doesNotContain(PASSWORD).contains("trustStore " + store);
    }

    @Test
    void aCaFileAndATrustStoreTogetherAreRefused() {
        TlsOptions options = options();
        options.setCaFile("/etc/ca.pem");
        options.setTrustStore("/etc/trust.p12");

        assertThatThrownBy(() -> TlsClient.create(options))
                .hasMessage("tlsCaFile and tlsTrustStore are both set; give one of them");
    }

    @Test
    void aCaFileWithoutCertificatesIsNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "# nothing here\n");
        TlsOptions options = options();
        options.setCaFile(empty.toString());

        assertThatThrownBy(() -> TlsClient.create(options)).hasMessageStartingWith("tlsCaFile " + empty + ": ");
    }

    @Test
    void pkcs1RsaAndPkcs8KeysBothRead() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        Path pkcs1File = Files.writeString(dir.resolve("rsa1.key"), pem("RSA PRIVATE KEY", pkcs1));
        Path pkcs8File = Files.writeString(
                dir.resolve("rsa8.key"), pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));

        PrivateKey fromPkcs1 = PemFiles.privateKey("tlsKeyFile", pkcs1File.toString());
        PrivateKey fromPkcs8 = PemFiles.privateKey("tlsKeyFile", pkcs8File.toString());

        assertThat(fromPkcs1.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(fromPkcs8.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void anEncryptedKeyIsRefusedWithWhatToDo() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.key"), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> PemFiles.privateKey("tlsKeyFile", encrypted.toString()))
                .hasMessageStartingWith("tlsKeyFile " + encrypted + ": the key is encrypted");
    }

    @Test
    void aKeyWithoutItsCertificateIsNamedAndThePairIsAccepted() {
        Issued app = new TestPki(dir).leaf("app", new TestPki(dir).ca("ca"));
        TlsOptions options = options();
        options.setKeyFile(app.keyFile().toString());

        assertThatThrownBy(() -> TlsClient.create(options))
                .hasMessage("tlsCertFile and tlsKeyFile go together (mutual TLS); one of them is missing");
        options.setCertFile(app.certFile().toString());
        assertThat(TlsClient.create(options)).isNotNull();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }
}
