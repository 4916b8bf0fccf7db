package io.logship.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.logship.logback.context.BoundLogger;
import io.logship.logback.context.KeyValueArgumentFilter;
import io.logship.logback.context.KeyValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The entry point: one call to set up logging with sane defaults, per-object loggers with bound context, and
 * key/value arguments.
 *
 * <pre>{@code
 * Logship.setup();                                         // stderr, text, INFO, uncaught exceptions, JUL
 * Logger log = Logship.getLogger(Worker.class, "worker_id", 7);
 * log.info("paid {}", amount, kv("user", user));           // ... [worker_id: 7] [user: jd]: paid 12
 * }</pre>
 *
 * <p><b>setup</b> builds every output's appender first (so a bad output fails before anything changes), then
 * detaches the appenders of the previous setup, and by default every other root appender too, attaches the new ones,
 * sets the root level, the per-logger levels (options, then {@code LOGSHIP_LEVELS}), bridges java.util.logging and
 * installs the uncaught-exception handler. It also adds {@link KeyValueArgumentFilter} (so {@code kv(...)} arguments
 * reach every encoder) and watches for a later reset of the logback context, which would silently remove its
 * appenders: it then says so once on stderr (Spring Boot does such a reset; use the starter there). Calling it again replaces its appenders and never installs a second
 * handler, so no record is duplicated.
 *
 * <p><b>Program name</b>: explicit option &gt; {@code LOGSHIP_PROGRAM_NAME} &gt; jar file name without {@code .jar}
 * (from {@code sun.java.command}) &gt; main class simple name &gt; {@code java}.
 *
 * <p>Thread-safe: setup and setLevels are synchronized.
 */
public final class Logship {

    private static final List<Appender<ILoggingEvent>> installed = new ArrayList<>();
    private static String programName;

    private Logship() {}

    /** {@link #setup(SetupOptions)} with {@link SetupOptions#defaults()}. */
    public static void setup() {
        setup(SetupOptions.defaults());
    }

    /**
     * Sets up logging as {@code options} say.
     *
     * @throws IllegalStateException if SLF4J is not bound to logback, or an output could not start
     * @throws IllegalArgumentException if {@code LOGSHIP_LEVELS} holds a malformed entry
     */
    public static void setup(SetupOptions options) {
        setup(options, System.getenv(), System.getProperty("sun.java.command"));
    }

    static synchronized void setup(SetupOptions options, Map<String, String> environment, String javaCommand) {
        LoggerContext context = loggerContext();
        String program = ProgramName.resolve(options.programName(), environment, javaCommand);
        List<LevelSpec> envLevels = LevelSpec.fromEnvironment(environment);
        List<Appender<ILoggingEvent>> appenders = createAppenders(options.outputs(), context, program);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Appender<ILoggingEvent> old : installed) {
            root.detachAppender(old);
            old.stop();
        }
        installed.clear();
        if (options.replaceRootAppenders()) {
            root.detachAndStopAllAppenders();
        }
        for (int i = 0; i < appenders.size(); i++) {
            Appender<ILoggingEvent> appender = appenders.get(i);
            appender.setName("logship-" + i);
            root.addAppender(appender);
            installed.add(appender);
        }
        if (options.bridgeJul()) {
            JulBridge.install(context); // before the levels, so that their changes reach JUL
        }
        root.setLevel(options.level());
        apply(context, options.loggerLevels());
        apply(context, envLevels);
        programName = program;
        KeyValueArgumentFilter.install(context);
        ResetWatcher.install(context);
        if (options.logUncaughtExceptions()) {
            UncaughtExceptionLogger.install(program);
        }
    }

    private static List<Appender<ILoggingEvent>> createAppenders(
            List<Output> outputs, LoggerContext context, String program) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        try {
            for (Output output : outputs) {
                appenders.add(output.createAppender(context, program));
            }
        } catch (RuntimeException e) {
            for (Appender<ILoggingEvent> appender : appenders) {
                appender.stop();
            }
            throw e;
        }
        return appenders;
    }

    /**
     * Sets per-logger levels from entries such as {@code "io.netty=warn"}; all entries are parsed before any is
     * applied.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static synchronized void setLevels(String... entries) {
        apply(loggerContext(), LevelSpec.parseAll(List.of(entries)));
    }

    private static void apply(LoggerContext context, List<LevelSpec> specs) {
        for (LevelSpec spec : specs) {
            context.getLogger(spec.logger()).setLevel(spec.level());
        }
    }

    /**
     * Forgets the appenders of the last setup (a context reset stopped and detached them); returns whether there were
     * any.
     */
    static synchronized boolean forgetInstalled() {
        boolean had = !installed.isEmpty();
        installed.clear();
        return had;
    }

    /** The program name resolved by the last setup, or {@code null} before the first. */
    public static synchronized String programName() {
        return programName;
    }

    /** The appenders the last setup attached to the root logger (named {@code logship-0}, {@code logship-1}...). */
    public static synchronized List<Appender<ILoggingEvent>> appenders() {
        return Collections.unmodifiableList(new ArrayList<>(installed));
    }

    /**
     * A logger for {@code type} carrying {@code keyValues} (key1, value1, key2, value2...) on every record. Two calls
     * for the same class give loggers with separate context.
     *
     * @throws IllegalArgumentException if {@code keyValues} has an odd length or a non-String key
     */
    public static BoundLogger getLogger(Class<?> type, Object... keyValues) {
        return BoundLogger.of(LoggerFactory.getLogger(type), keyValues);
    }

    /** As {@link #getLogger(Class, Object...)}, by logger name. */
    public static BoundLogger getLogger(String name, Object... keyValues) {
        return BoundLogger.of(LoggerFactory.getLogger(name), keyValues);
    }

    /** A key/value argument for any classic logging call; same as {@link KeyValues#kv(String, Object)}. */
    public static KeyValuePair kv(String key, Object value) {
        return KeyValues.kv(key, value);
    }

    private static LoggerContext loggerContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            throw new IllegalStateException("logship needs logback-classic as the SLF4J provider, found "
                    + factory.getClass().getName());
        }
        return (LoggerContext) factory;
    }
}
