package io.logship.agent.sources.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
    @TempDir
    Path dir;

    @Test
    void aStarStaysInOneDirectoryAndTwoStarsCrossThem() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        for (String f : List.of("top.log", "a/mid.log", "a/b/deep.log", "a/b/deep.txt")) {
            Files.writeString(dir.resolve(f), "x");
        }

        assertThat(new Glob(dir + "/*.log", List.of()).scan()).containsExactly(dir.resolve("top.log"));
        assertThat(new Glob(dir + "/*/*.log", List.of()).scan()).containsExactly(dir.resolve("a/mid.log"));
        assertThat(new Glob(dir + "/**.log", List.of()).scan())
                .containsExactly(dir.resolve("a/b/deep.log"), dir.resolve("a/mid.log"), dir.resolve("top.log"));
    }

    @Test
    void excludedFilesDirectoriesAndAMissingBaseMatchNothing() throws Exception {
        Files.writeString(dir.resolve("app.log"), "x");
        Files.writeString(dir.resolve("debug.log"), "x");
        Files.createDirectories(dir.resolve("dir.log"));

        assertThat(new Glob(dir + "/*.log", List.of(dir + "/debug.log")).scan())
                .containsExactly(dir.resolve("app.log"));
        assertThat(new Glob(dir + "/missing/*.log", List.of()).scan()).isEmpty();
    }

    @Test
    void aPathWithoutGlobCharactersMatchesThatFileOnly() throws Exception {
        Files.writeString(dir.resolve("app.log"), "x");
        Files.writeString(dir.resolve("app.log.1"), "x");

        assertThat(new Glob(dir + "/app.log", List.of()).scan()).containsExactly(dir.resolve("app.log"));
    }
}
