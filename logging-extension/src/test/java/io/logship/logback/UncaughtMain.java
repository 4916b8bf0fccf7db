package io.logship.logback;

import java.io.IOException;

/**
 * Run in a forked JVM by {@link UncaughtExceptionTest}: sets up twice, then dies of an uncaught exception.
 * Argument {@code chained} installs a previous default handler first; {@code thread} throws from a worker thread.
 */
public final class UncaughtMain {

    private UncaughtMain() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.contains("chained")) {
            Thread.setDefaultUncaughtExceptionHandler(
                    (t, e) -> System.err.println("PREVIOUS HANDLER CALLED: " + e.getMessage()));
        }
        Logship.setup(SetupOptions.builder().programName("first").build());
        Logship.setup(SetupOptions.builder().programName("forked").build());
        IllegalStateException error = new IllegalStateException("kaboom", new IOException("root cause"));
        if (mode.contains("thread")) {
            Thread worker = new Thread(
                    () -> {
                        throw error;
                    },
                    "worker-1");
            worker.start();
            worker.join();
            return;
        }
        throw error;
    }
}
