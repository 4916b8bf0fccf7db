package io.logship.logback.context;

import io.micrometer.context.ThreadLocalAccessor;
import java.util.Map;

/**
 * {@link LogContext} as a Micrometer Context Propagation {@link ThreadLocalAccessor}, registered through {@code
 * META-INF/services}: Spring's {@code ContextPropagatingTaskDecorator}, Reactor's automatic context propagation and
 * anything else built on {@code ContextSnapshot} carry LogContext's pairs to the thread that runs the work.
 *
 * <p>The value is the immutable map of {@link LogContext#current()}; only LogContext's own keys travel, so MDC
 * entries owned by others (tracing ids, which have their own accessor) are neither copied nor cleared. Needs {@code
 * io.micrometer:context-propagation} on the class path (an optional dependency of logship-logback; the Spring Boot
 * starter brings it). Stateless and thread-safe.
 */
public final class LogContextAccessor implements ThreadLocalAccessor<Map<String, String>> {

    /** The key under which the pairs travel in a {@code ContextSnapshot} or a Reactor {@code Context}. */
    public static final String KEY = "logship.context";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public Map<String, String> getValue() {
        Map<String, String> current = LogContext.current();
        return current.isEmpty() ? null : current; // null: nothing to carry
    }

    @Override
    public void setValue(Map<String, String> value) {
        LogContext.replace(value);
    }

    @Override
    public void setValue() {
        LogContext.replace(null);
    }

    @Override
    public void restore(Map<String, String> previousValue) {
        LogContext.replace(previousValue);
    }

    @Override
    public void restore() {
        LogContext.replace(null);
    }
}
