package io.logship.logback.syslog;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A log daemon started by a test in the foreground and stopped by it: output goes to a file in the test's
 * directory, start-up is awaited on a condition with a deadline, stop is SIGTERM then SIGKILL, bounded.
 */
public final class Daemon implements AutoCloseable {
    /** Set to 1 in CI: a missing daemon then fails the tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LOGSHIP_REQUIRE_DAEMONS";

    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final Process process;
    private final Path output;

    private Daemon(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Skips the calling test when {@code binary} is not runnable here, or fails it when {@value #REQUIRE_ENV} is 1.
     */
    public static void assumeAvailable(Path binary, String installHint) {
        assumeTrue(Files.isExecutable(binary), binary + " is not installed (" + installHint + ")");
    }

    /** Like {@link #assumeAvailable} for any precondition of a daemon test. */
    public static void assumeTrue(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            fail(why + ", and " + REQUIRE_ENV + "=1 says the daemon tests must run");
        }
        Assumptions.abort(why + "; skipping (set " + REQUIRE_ENV + "=1 to make this a failure)");
    }

    /** Starts {@code command} and waits until {@code ready} holds; fails with the daemon's output if it never does. */
    public static Daemon start(List<String> command, Path dir, BooleanSupplier ready) throws IOException {
        Path output = dir.resolve("daemon.out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Daemon d = new Daemon(p, output);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (!ready.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                String log = d.output();
                d.close();
                fail(command.get(0) + " did not become ready within " + START_TIMEOUT_MILLIS + " ms (alive="
                        + p.isAlive() + "); its output:\n" + log);
            }
            Thread.onSpinWait();
            try {
                p.waitFor(20, TimeUnit.MILLISECONDS); // a bounded poll interval, and returns at once if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                d.close();
                fail("interrupted while waiting for " + command.get(0));
            }
        }
        return d;
    }

    /** What the daemon printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
