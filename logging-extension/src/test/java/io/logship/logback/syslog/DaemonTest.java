package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing daemon skips the daemon tests locally and fails them in CI ({@value Daemon#REQUIRE_ENV}=1). */
class DaemonTest {

    @Test
    void missingBinarySkipsUnlessDaemonsAreRequired() {
        boolean required = "1".equals(System.getenv(Daemon.REQUIRE_ENV));
        Class<? extends Throwable> expected = required ? AssertionFailedError.class : TestAbortedException.class;

        assertThatThrownBy(() -> Daemon.assumeAvailable(Path.of("/nonexistent/syslog-ng"), "apt-get install x"))
                .isInstanceOf(expected)
                .hasMessageStartingWith("/nonexistent/syslog-ng is not installed (apt-get install x)");
    }

    @Test
    void presentBinaryPasses() {
        Daemon.assumeAvailable(Path.of("/bin/sh"), "always there");
    }
}
