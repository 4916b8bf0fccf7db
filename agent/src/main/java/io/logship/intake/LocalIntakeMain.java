package io.logship.intake;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local intake on its own until the JVM is asked to stop (Ctrl-C, SIGTERM): what
 * {@code logship-agent intake} calls.
 */
public final class LocalIntakeMain {
    private LocalIntakeMain() {}

    /**
     * Starts the intake, prints where it listens to {@code out}, and blocks until the JVM shuts down; the shutdown
     * hook closes the intake so that every stored record is on disk.
     *
     * @throws IOException if it cannot start (the message names the address or directory)
     */
    public static void runUntilStopped(LocalIntakeOptions options, PrintStream out) throws IOException {
        LocalIntake intake = LocalIntake.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            intake.close();
                            stopped.countDown();
                        },
                        "logship-intake-shutdown"));
        out.println(describe(intake));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            intake.close();
        }
    }

    /** {@link #runUntilStopped(LocalIntakeOptions, PrintStream)} printing to standard output. */
    public static void runUntilStopped(LocalIntakeOptions options) throws IOException {
        runUntilStopped(options, System.out);
    }

    /** The start-up line: where it listens, where the page is, where data goes, and the mode. Never the key. */
    public static String describe(LocalIntake intake) {
        LocalIntakeOptions options = intake.options();
        return "logship local intake listening on " + intake.logsUrl() + " (page: " + intake.baseUrl() + "/, "
                + "data: " + options.dataDirectory().toAbsolutePath() + ", mode: "
                + options.mode().name().toLowerCase(Locale.ROOT)
                + (options.requiredApiKey().isPresent() ? ", API key required" : ", no API key required")
                + (options.knobs() ? ", control routes (knobs) ON" : "")
                + ", transport: " + intake.transportName() + ")";
    }
}
