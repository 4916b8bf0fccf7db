package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uncaught exceptions after setup, twice, in a forked JVM; asserts on its stderr. */
@Timeout(60)
class UncaughtExceptionTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String stderr) {
        List<String> lines() {
            return Arrays.asList(stderr.split("\n"));
        }

        long count(String text) {
            return lines().stream().filter(l -> l.contains(text)).count();
        }
    }

    private Run fork(String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), UncaughtMain.class.getName(), mode)
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("forked JVM did not exit within 45 s");
        }
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void logsOnceAtErrorWithStackThenCallsPreviousHandlerOnce() throws Exception {
        Run run = fork("chained");

        assertThat(run.count(" ERROR ")).as(run.stderr()).isEqualTo(1);
        assertThat(run.lines())
                .filteredOn(l -> l.contains(" ERROR "))
                .singleElement()
                .asString()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} \\[\\d+\\] ERROR    forked: "
                        + "Uncaught exception in thread \"main\"");
        assertThat(run.count("java.lang.IllegalStateException: kaboom")).isEqualTo(1);
        assertThat(run.count("Caused by: java.io.IOException: root cause")).isEqualTo(1);
        assertThat(run.count("\tat io.logship.logback.UncaughtMain.main")).isEqualTo(1);
        assertThat(run.count("PREVIOUS HANDLER CALLED: kaboom")).isEqualTo(1);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void withoutPreviousHandlerTheStackIsNotPrintedTwice() throws Exception {
        Run run = fork("thread");

        assertThat(run.count(" ERROR ")).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("ERROR    forked: Uncaught exception in thread \"worker-1\"");
        assertThat(run.count("java.lang.IllegalStateException: kaboom")).isEqualTo(1);
        assertThat(run.stderr()).doesNotContain("Exception in thread");
        assertThat(run.lines().stream()
                        .filter(l -> !l.isBlank())
                        .collect(Collectors.toList())
                        .get(0))
                .contains(" ERROR ");
    }
}
