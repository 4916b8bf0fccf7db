package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactedTest {
    @TempDir
    Path dir;

    @Test
    void userInfoIsMasked() {
        assertThat(Redacted.url(URI.create("https://bob:s3cret@intake.example.com:8443/api/v2/logs")))
                .isEqualTo("https://********@intake.example.com:8443/api/v2/logs");
        assertThat(Redacted.url("http://token-only@h/x")).isEqualTo("http://********@h/x");
    }

    @Test
    void keyLikeQueryParametersAreMaskedAndTheOthersKept() {
        assertThat(Redacted.url("https://h/api/v2/logs?dd-api-key=abc&ddsource=java&api_key=def&apikey=ghi"
                        + "&token=jkl&key=mno&X-Auth=pqr&password=stu&sig=vwx&service=web#frag"))
                .isEqualTo("https://h/api/v2/logs?dd-api-key=********&ddsource=java&api_key=********"
                        + "&apikey=********&token=********&key=********&X-Auth=********&password=********"
                        + "&sig=********&service=web#frag");
    }

    @Test
    void aUrlWithoutSecretsIsUnchanged() {
        String plain = "http://127.0.0.1:10519/api/v2/logs?ddsource=java";
        assertThat(Redacted.url(plain)).isEqualTo(plain);
        assertThat(Redacted.url((URI) null)).isEqualTo("null");
    }

    @Test
    void urlsInsideTextAreMasked() {
        assertThat(Redacted.text("cannot connect to http://u:p@h:1/x?api_key=k: Connection refused"))
                .isEqualTo("cannot connect to http://********@h:1/x?api_key=********: Connection refused");
        assertThat(Redacted.text("no url here")).isEqualTo("no url here");
    }

    @Test
    void printConfigShowsNoSecretOfTheUrl() throws IOException {
        Path file = Files.writeString(
                dir.resolve("agent.yaml"),
                "intake:\n  url: https://bob:pa55word@intake.example.com/api/v2/logs?dd-api-key=K3Y&ddsource=x\n");

        String yaml = ConfigPrinter.toYaml(ConfigLoader.load(Optional.of(file), Map.of()));

        assertThat(yaml)
                .contains("url: https://********@intake.example.com/api/v2/logs?dd-api-key=********" + "&ddsource=x")
                .doesNotContain("pa55word")
                .doesNotContain("K3Y")
                .doesNotContain("bob");
    }

    @Test
    void aConfigErrorQuotingAUrlShowsNoSecret() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yaml"), "intake:\n  url: ftp://bob:pa55word@h/x?token=K3Y\n");

        ConfigException e =
                (ConfigException) Assertions.catchThrowable(() -> ConfigLoader.load(Optional.of(file), Map.of()));

        assertThat(e.problems())
                .containsExactly(file + ": intake.url: got \"ftp://********@h/x?token=********\", "
                        + "expected an absolute http:// or https:// URL");
    }
}
