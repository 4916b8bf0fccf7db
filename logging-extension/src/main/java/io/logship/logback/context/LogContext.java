package io.logship.logback.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Scoped context for a block of code: every record logged on this thread inside the block, by any logger, carries
 * the pairs.
 *
 * <pre>{@code
 * try (LogContext.Scope scope = LogContext.put("request_id", id)) {
 *   handle(request);                                  // every record here has request_id
 *   executor.execute(LogContext.wrap(task));          // ... and so does every record of task, on any thread
 * }
 * }</pre>
 *
 * <p>The pairs live in the SLF4J MDC (thread-local), so they are captured with the event on the application thread
 * and survive async appenders, and other MDC users' entries (tracing ids...) show up as context too. The MDC holds
 * strings: a value is rendered with {@link SafeText#of(Object)} when it is put, so a scoped number is a JSON string.
 * Closing a scope restores what the key held before (or removes it).
 *
 * <p><b>Across threads.</b> LogContext also remembers which MDC keys are its own ({@link #current()}), so that only
 * those travel: {@link #wrap(Runnable)}, {@link #wrap(Callable)} and {@link #wrap(Executor)} carry them to another
 * thread for plain code, and {@link LogContextAccessor} registers them with Micrometer Context Propagation (found by
 * {@code ServiceLoader}), so Spring's {@code ContextPropagatingTaskDecorator} ({@code @Async}, virtual threads) and
 * Reactor's automatic context propagation carry them without code.
 *
 * <p><b>Pitfalls:</b> close a scope on the thread that opened it, innermost first (use try-with-resources); a thread
 * pool does not carry the context to its workers by itself: wrap the task or the executor.
 */
public final class LogContext {

    /** This thread's LogContext pairs (an unmodifiable insertion-ordered map), or null when it has none. */
    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private LogContext() {}

    /** Puts {@code key = value} until the returned scope is closed. */
    public static Scope put(String key, Object value) {
        String k = String.valueOf(key);
        Map<String, String> before = CURRENT.get();
        String previous = MDC.get(k);
        String text = SafeText.of(value);
        MDC.put(k, text);
        Map<String, String> next = before == null ? new LinkedHashMap<>(4) : new LinkedHashMap<>(before);
        next.put(k, text);
        CURRENT.set(Collections.unmodifiableMap(next));
        return new Scope(new String[] {k}, new String[] {previous}, before);
    }

    /** Puts every entry of {@code pairs} (in its iteration order) until the returned scope is closed. */
    public static Scope putAll(Map<String, ?> pairs) {
        Map<String, String> before = CURRENT.get();
        Map<String, String> next = before == null ? new LinkedHashMap<>() : new LinkedHashMap<>(before);
        String[] keys = new String[pairs.size()];
        String[] previous = new String[keys.length];
        int i = 0;
        for (Map.Entry<String, ?> e : pairs.entrySet()) {
            keys[i] = String.valueOf(e.getKey());
            previous[i] = MDC.get(keys[i]);
            String text = SafeText.of(e.getValue());
            MDC.put(keys[i], text);
            next.put(keys[i], text);
            i++;
        }
        CURRENT.set(Collections.unmodifiableMap(next));
        return new Scope(keys, previous, before);
    }

    /** This thread's LogContext pairs, in the order they were put; unmodifiable, empty when there are none. */
    public static Map<String, String> current() {
        Map<String, String> map = CURRENT.get();
        return map == null ? Collections.emptyMap() : map;
    }

    /**
     * Makes {@code pairs} this thread's LogContext: keys of the current context missing from {@code pairs} leave the
     * MDC, the entries of {@code pairs} enter it. Used to carry a context to another thread and to restore the one it
     * had; other MDC entries are left alone.
     */
    static void replace(Map<String, String> pairs) {
        Map<String, String> now = CURRENT.get();
        if (now == pairs) {
            return;
        }
        if (now != null) {
            for (String key : now.keySet()) {
                if (pairs == null || !pairs.containsKey(key)) {
                    MDC.remove(key);
                }
            }
        }
        if (pairs == null || pairs.isEmpty()) {
            CURRENT.remove();
            return;
        }
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            MDC.put(e.getKey(), e.getValue());
        }
        CURRENT.set(pairs);
    }

    /** {@code task} running with the LogContext of the calling thread, wherever it runs; restores the runner's. */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        Map<String, String> captured = CURRENT.get();
        return () -> {
            Map<String, String> before = CURRENT.get();
            replace(captured);
            try {
                task.run();
            } finally {
                replace(before);
            }
        };
    }

    /** {@code task} running with the LogContext of the calling thread, wherever it runs; restores the runner's. */
    public static <V> Callable<V> wrap(Callable<V> task) {
        Objects.requireNonNull(task, "task");
        Map<String, String> captured = CURRENT.get();
        return () -> {
            Map<String, String> before = CURRENT.get();
            replace(captured);
            try {
                return task.call();
            } finally {
                replace(before);
            }
        };
    }

    /**
     * An executor running each task with the LogContext of the thread that submitted it (captured at {@code
     * execute}, not at wrap time): {@code CompletableFuture.supplyAsync(work, LogContext.wrap(pool))}.
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(wrap(task));
    }

    /** An open scope; {@link #close()} restores the previous values. Closing twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final String[] keys;
        private final String[] previous;
        private final Map<String, String> before;
        private boolean closed;

        private Scope(String[] keys, String[] previous, Map<String, String> before) {
            this.keys = keys;
            this.previous = previous;
            this.before = before;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = keys.length - 1; i >= 0; i--) {
                if (previous[i] == null) {
                    MDC.remove(keys[i]);
                } else {
                    MDC.put(keys[i], previous[i]);
                }
            }
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
