package io.logship.logback;

import org.slf4j.LoggerFactory;

/**
 * The default uncaught-exception handler installed by setup: logs the exception at ERROR with its stack trace on
 * the program's logger, then calls the handler that was the default before (once).
 *
 * <p>Installed at most once per JVM: a second setup only changes the logger name, so an exception is never logged
 * twice (daiquiri quirk Q6). When there was no previous handler, nothing more is printed (the JVM's own "Exception in
 * thread" dump would repeat the record). If another library later replaces this handler without chaining, setup
 * does not fight it.
 */
final class UncaughtExceptionLogger implements Thread.UncaughtExceptionHandler {

    private static UncaughtExceptionLogger installed;

    private final Thread.UncaughtExceptionHandler previous;
    private volatile String loggerName;

    private UncaughtExceptionLogger(Thread.UncaughtExceptionHandler previous, String loggerName) {
        this.previous = previous;
        this.loggerName = loggerName;
    }

    /** Installs the handler, or retargets the one installed before. */
    static synchronized void install(String loggerName) {
        if (installed != null) {
            installed.loggerName = loggerName;
            return;
        }
        installed = new UncaughtExceptionLogger(Thread.getDefaultUncaughtExceptionHandler(), loggerName);
        Thread.setDefaultUncaughtExceptionHandler(installed);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            LoggerFactory.getLogger(loggerName).error("Uncaught exception in thread \"{}\"", thread.getName(), error);
        } catch (RuntimeException | LinkageError e) { // logging itself failed: keep the JVM's last-resort output
            error.printStackTrace();
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        }
    }
}
