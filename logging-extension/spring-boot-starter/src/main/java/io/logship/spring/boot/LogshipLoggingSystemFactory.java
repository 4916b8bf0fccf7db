package io.logship.spring.boot;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Chooses {@link LogshipLoggingSystem} wherever Spring Boot would choose its logback system: registered in {@code
 * META-INF/spring.factories} and ordered before {@code LogbackLoggingSystem.Factory} (which is {@code
 * HIGHEST_PRECEDENCE + 1024}). The system property {@code org.springframework.boot.logging.LoggingSystem} still
 * overrides both, as in any Spring Boot application; {@code none} turns logging initialisation off.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 512)
public class LogshipLoggingSystemFactory implements LoggingSystemFactory {

    private static final boolean LOGBACK = ClassUtils.isPresent(
            "ch.qos.logback.classic.LoggerContext", LogshipLoggingSystemFactory.class.getClassLoader());

    @Override
    public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
        return LOGBACK ? new LogshipLoggingSystem(classLoader) : null;
    }
}
