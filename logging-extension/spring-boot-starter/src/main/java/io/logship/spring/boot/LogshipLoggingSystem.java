package io.logship.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's logback {@code LoggingSystem} with logship on top: Spring keeps the whole logging lifecycle
 * (start-up suppression, {@code logback-spring.xml}, {@code logging.level.*}, the actuator's loggers endpoint, the
 * shutdown handler), and logship changes three things.
 *
 * <ol>
 *   <li>With no logback(-spring).xml ({@link #loadDefaults}): Spring's defaults (its {@code defaults.xml} levels,
 *       CONSOLE and FILE appenders, thresholds) are built as usual, then the CONSOLE and FILE appenders get
 *       logship's encoder ({@code logship.format}); see {@link LogshipConsole}. Records of the start-up are written
 *       once, by those appenders.
 *   <li>After any initialisation ({@link #initialize}), from XML or not: {@code kv(...)} arguments become event
 *       key/value pairs, {@code logship.levels} apply, and with {@code logship.datadog.enabled} the Datadog output
 *       joins the root logger; see {@link LogshipOutputs}.
 *   <li>Shutdown: Datadog appenders stand their JVM shutdown hook down, because Spring's logging shutdown handler
 *       stops logback after the application contexts have closed (graceful shutdown included), so records logged
 *       during shutdown are still delivered.
 * </ol>
 *
 * <p>Chosen by {@link LogshipLoggingSystemFactory}. Runs while Spring initialises logging, before any bean exists,
 * so it reads {@link LogshipProperties} with a {@link Binder}.
 */
public class LogshipLoggingSystem extends LogbackLoggingSystem {

    public LogshipLoggingSystem(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public void initialize(LoggingInitializationContext initializationContext, String configLocation, LogFile logFile) {
        super.initialize(initializationContext, configLocation, logFile);
        Environment environment = initializationContext.getEnvironment();
        if (environment != null) {
            LogshipOutputs.afterInitialize(loggerContext(), properties(environment), environment);
        }
    }

    @Override
    protected void loadDefaults(LoggingInitializationContext initializationContext, LogFile logFile) {
        super.loadDefaults(initializationContext, logFile);
        Environment environment = initializationContext.getEnvironment();
        if (environment != null) {
            LogshipConsole.apply(loggerContext(), properties(environment), environment);
        }
    }

    static LogshipProperties properties(Environment environment) {
        return Binder.get(environment).bind("logship", LogshipProperties.class).orElseGet(LogshipProperties::new);
    }

    private static LoggerContext loggerContext() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
