package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code require_destination}: the packaged configuration refuses to run without a destination. */
class RequireDestinationTest {
    /** The file the tarball, the .deb and the image ship as {@code agent.yaml}. */
    static final Path PACKAGED = Path.of("..", "packaging", "src", "etc", "agent.yaml");

    @TempDir
    Path dir;

    @Test
    void packagedConfigWithNoDestinationIsOneClearLine() {
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Optional.of(PACKAGED), Map.of()));

        assertThat(e.problems())
                .containsExactly(
                        PACKAGED + ": require_destination: no destination: set DD_API_KEY "
                                + "(or api_key), intake.url, or local_intake.enabled: true to keep records in the embedded local intake");
    }

    @Test
    void packagedConfigRunsWithAnApiKeyOrAUrlOrAnExplicitLocalIntake() {
        assertThat(ConfigLoader.load(Optional.of(PACKAGED), Map.of("DD_API_KEY", "k"))
                        .usesLocalIntake())
                .isFalse();
        assertThat(ConfigLoader.load(
                                Optional.of(PACKAGED),
                                Map.of("LOGSHIP_INTAKE_URL", "http://intake.example:8080/api/v2/logs"))
                        .usesLocalIntake())
                .isFalse();
        LogshipConfig local = ConfigLoader.load(Optional.of(PACKAGED), Map.of("LOGSHIP_LOCAL_INTAKE_ENABLED", "true"));
        assertThat(local.usesLocalIntake()).isTrue();
        assertThat(local.requireDestination()).isTrue();
    }

    @Test
    void theEmbeddedDefaultStillUsesTheLocalIntake() throws IOException {
        assertThat(ConfigLoader.defaults().requireDestination()).isFalse();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).usesLocalIntake())
                .isTrue();
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "logs:\n  - type: tcp\n    port: 10518\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of()).usesLocalIntake())
                .isTrue();
    }
}
