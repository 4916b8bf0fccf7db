package io.logship.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices when something resets the logback context after {@link Logship#setup}: Spring Boot's {@code
 * LoggingSystem} does so in {@code SpringApplication.run}, as does a {@code logback.xml} reload. The reset detaches
 * and stops logship's appenders, so records silently go where the new configuration says; this says so on stderr,
 * once per JVM, pointing Spring users at the starter.
 *
 * <p>Reset-resistant (it outlives the reset it reports); added once per context by setup. Thread-safe.
 */
final class ResetWatcher implements LoggerContextListener {

    /** The line printed on stderr. */
    static final String MESSAGE = "logship: the logback context was reset after Logship.setup() (by Spring Boot's"
            + " logging initialisation or a logback configuration reload); logship's outputs were removed and records now go"
            + " where the new configuration says. In a Spring Boot application, use io.logship:logship-spring-boot-starter"
            + " instead of Logship.setup(); elsewhere, call Logship.setup() after the reconfiguration.";

    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    /** Adds a watcher to {@code context} unless one is there. */
    static void install(LoggerContext context) {
        for (LoggerContextListener listener : context.getCopyOfListenerList()) {
            if (listener instanceof ResetWatcher) {
                return;
            }
        }
        context.addListener(new ResetWatcher());
    }

    /** Lets the next reset print again (tests). */
    static void rearm() {
        PRINTED.set(false);
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        if (Logship.forgetInstalled() && PRINTED.compareAndSet(false, true)) {
            System.err.println(MESSAGE); // read at print time: whatever stderr the application has then
        }
    }

    @Override
    public void onStart(LoggerContext context) {}

    @Override
    public void onStop(LoggerContext context) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}
}
