package io.logship.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondOwnerInThisProcessIsRefusedWithTheDirectoryNamed() throws IOException {
        try (DirectoryLock first = DirectoryLock.acquire(dir, "x.lock", "spool")) {
            assertThatThrownBy(() -> DirectoryLock.acquire(dir, "x.lock", "spool"))
                    .isInstanceOfSatisfying(
                            DirectoryLockedException.class,
                            e -> assertThat(e.directory()).isEqualTo(dir))
                    .hasMessage("cannot open the spool in " + dir + ": it is already open in this process");
        }
    }

    @Test
    void isFreeAgainAfterCloseAndCloseIsIdempotent() throws IOException {
        DirectoryLock first = DirectoryLock.acquire(dir, "x.lock", "spool");
        first.close();
        first.close();

        try (DirectoryLock second = DirectoryLock.acquire(dir, "x.lock", "spool")) {
            assertThat(dir.resolve("x.lock")).exists();
        }
    }

    @Test
    void aMissingDirectoryNamesTheLockFile() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> DirectoryLock.acquire(missing, "x.lock", "intake database"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(DirectoryLockedException.class)
                .hasMessageStartingWith("cannot open the intake database in " + missing + ": cannot create "
                        + missing.resolve("x.lock"));
        assertThat(Files.exists(missing)).isFalse();
    }
}
