package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is generated from {@link ConfigKeys}; this fails when the two drift apart. */
class ReadmeReferenceTest {
    @Test
    void readmeTableMatchesTheKeysAndTheirDefaults() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Files.writeString(Path.of("target", "config-reference.md"), ConfigReference.markdownTable());

        assertThat(readme)
                .as("README.md must contain the table in config/target/config-reference.md verbatim")
                .contains(ConfigReference.markdownTable());
    }
}
