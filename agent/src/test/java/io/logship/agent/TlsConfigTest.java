package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logship.agent.TestCertificates.Issued;
import io.logship.config.Cidr;
import io.logship.config.ConfigException;
import io.logship.config.ConfigLoader;
import io.logship.config.ConfigPrinter;
import io.logship.config.LogshipConfig;
import io.logship.config.SocketSource;
import io.logship.config.TlsVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs[].tls.*} and {@code logs[].allow} as the operator writes them: each problem is one line under its key's
 * path, found at load (so {@code --check-config} finds it too), and a good section reads back and prints.
 */
class TlsConfigTest {
    @TempDir
    Path dir;

    private Path cert;
    private Path key;
    private Path ca;

    @BeforeEach
    void files() {
        Issued authority = TestCertificates.ca("ca");
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        ca = dir.resolve("ca.pem");
        TestCertificates.leaf("server", authority).write(cert, key);
        TestCertificates.writeCertificates(ca, authority.certificate());
    }

    @Test
    void aGoodSectionLoadsPrintsAndReadsBack() throws IOException {
        LogshipConfig config = load("logs:\n  - type: tcp\n    allow: [10.0.0.0/8, \"::1/128\"]\n    tls:\n"
                + "      cert_file: " + cert + "\n      key_file: " + key + "\n      client_ca_file: " + ca + "\n"
                + "      min_version: TLSv1.3\n");

        SocketSource source = (SocketSource) config.logs().get(0);
        assertThat(source.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.certFile()).isEqualTo(cert);
            assertThat(tls.clientCaFile()).contains(ca);
            assertThat(tls.minVersion()).isEqualTo(TlsVersion.TLS_1_3);
        });
        assertThat(source.allow()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1/128"));
        String printed = ConfigPrinter.toYaml(config);
        assertThat(printed).contains("min_version: TLSv1.3").contains("- 10.0.0.0/8");
        Files.writeString(dir.resolve("printed.yaml"), printed);
        assertThat(ConfigLoader.load(Optional.of(dir.resolve("printed.yaml")), Map.of())
                        .logs())
                .isEqualTo(config.logs());
    }

    @Test
    void environmentVariablesSetKeysOfTheTlsSection() {
        LogshipConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of("LOGSHIP_LOGS_0_TLS_CERT_FILE", cert.toString(), "LOGSHIP_LOGS_0_TLS_KEY_FILE", key.toString()));

        assertThat(((SocketSource) config.logs().get(0)).tls())
                .hasValueSatisfying(tls -> assertThat(tls.keyFile()).isEqualTo(key));
    }

    @Test
    void eachFileProblemIsOneLineUnderItsKey() throws IOException {
        Path notACert = dir.resolve("not-a-cert.pem");
        Files.writeString(notACert, "hello\n");
        Path otherKey = dir.resolve("other.key");
        TestCertificates.leaf("other", TestCertificates.ca("other-ca")).write(dir.resolve("other.pem"), otherKey);

        assertThat(problems("logs:\n  - tls:\n      cert_file: " + dir.resolve("missing.pem") + "\n      key_file: "
                        + key + "\n"))
                .containsExactly("logs[0].tls.cert_file: " + dir.resolve("missing.pem") + ": file not found");
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + notACert + "\n      key_file: " + key + "\n"))
                .containsExactly("logs[0].tls.cert_file: " + notACert
                        + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + cert + "\n      key_file: " + cert + "\n"))
                .containsExactly("logs[0].tls.key_file: " + cert + ": no PEM private key in it (expected "
                        + "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + cert + "\n      key_file: " + otherKey + "\n"))
                .containsExactly("logs[0].tls.key_file: " + otherKey
                        + ": the private key does not belong to the certificate (CN=server) in tls.cert_file");
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + cert + "\n      key_file: " + key
                        + "\n      client_ca_file: " + notACert + "\n"))
                .containsExactly("logs[0].tls.client_ca_file: " + notACert
                        + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void sectionMistakesNameTheKey() throws IOException {
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + cert + "\n"))
                .containsExactly("logs[0].tls.key_file: missing, expected a file system path (a tls: section needs "
                        + "both cert_file and key_file)");
        assertThat(problems("logs:\n  - tls:\n      cert_file: " + cert + "\n      key_file: " + key
                        + "\n      min_version: TLSv1.1\n"))
                .containsExactly("logs[0].tls.min_version: got \"TLSv1.1\", expected TLSv1.2 or TLSv1.3");
        assertThat(problems(
                        "logs:\n  - type: udp\n    tls:\n      cert_file: " + cert + "\n      key_file: " + key + "\n"))
                .containsExactly("logs[0].tls: TLS is for type: tcp sources only, this one is udp");
        assertThat(problems("logs:\n  - tls:\n      cert_fle: " + cert + "\n"))
                .first()
                .asString()
                .startsWith("logs[0].tls.cert_fle: unknown key, did you mean cert_file?");
    }

    @Test
    void aBadAllowRangeIsNamedWithItsReason() throws IOException {
        assertThat(problems("logs:\n  - allow: [10.0.0.0/8, 10.0.0.0/33]\n"))
                .containsExactly("logs[0].allow: got a list, expected a list of IPv4 or IPv6 address ranges in CIDR "
                        + "notation (10.0.0.0/8, ::1/128); \"10.0.0.0/33\": the prefix length must be from 0 to 32");
        assertThat(problems("logs:\n  - allow: [example.com/32]\n"))
                .singleElement()
                .asString()
                .endsWith("\"example.com/32\": not an IPv4 or IPv6 address");
        assertThat(problems("logs:\n  - allow: [300.1.1.1]\n"))
                .singleElement()
                .asString()
                .endsWith("\"300.1.1.1\": not an IPv4 address (300 is above 255)");
        assertThat(problems("logs:\n  - allow: [\"::1/129\"]\n"))
                .singleElement()
                .asString()
                .endsWith("\"::1/129\": the prefix length must be from 0 to 128");
        assertThat(problems("logs:\n  - allow: [10.1.0.0/8]\n"))
                .singleElement()
                .asString()
                .endsWith("\"10.1.0.0/8\": address bits are set after the first 8 bits");
    }

    @Test
    void allowMatchesByPrefixForIpv4AndIpv6() throws IOException {
        SocketSource source = (SocketSource) load("logs:\n  - allow: [10.0.0.0/8, \"2001:db8::/32\", 192.168.1.7]\n")
                .logs()
                .get(0);

        assertThat(source.allows(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(source.allows(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(source.allows(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(source.allows(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(source.allows(InetAddress.getByName("192.168.1.7"))).isTrue();
        assertThat(source.allows(InetAddress.getByName("192.168.1.8"))).isFalse();
    }

    private LogshipConfig load(String yaml) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(Optional.of(file), Map.of());
    }

    /** The problems, without the file name each line starts with. */
    private List<String> problems(String yaml) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(file), Map.of()));
        assertThat(e).as("a config error").isNotNull();
        return e.problems().stream()
                .map(p -> p.substring(file.toString().length() + 2))
                .toList();
    }
}
