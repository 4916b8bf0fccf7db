package io.logship.logback.context;

import java.util.Map;
import org.slf4j.MDC;

/**
 * Scoped context for a block of code: every record logged on this thread inside the block, by any logger, carries
 * the pairs.
 *
 * <pre>{@code
 * try (LogContext.Scope scope = LogContext.put("request_id", id)) {
 *   handle(request);   // every record here has request_id
 * }
 * }</pre>
 *
 * <p>The pairs live in the SLF4J MDC (thread-local), so they are captured with the event on the application thread
 * and survive async appenders, and other MDC users' entries (tracing ids...) show up as context too. The MDC holds
 * strings: a value is rendered with {@link SafeText#of(Object)} when it is put, so a scoped number is a JSON string.
 * Closing a scope restores what the key held before (or removes it).
 *
 * <p><b>Pitfalls:</b> close a scope on the thread that opened it (use try-with-resources); a thread pool does not
 * carry the MDC to its workers by itself.
 */
public final class LogContext {

  private LogContext() {}

  /** Puts {@code key = value} until the returned scope is closed. */
  public static Scope put(String key, Object value) {
    String k = String.valueOf(key);
    String previous = MDC.get(k);
    MDC.put(k, SafeText.of(value));
    return new Scope(new String[] {k}, new String[] {previous});
  }

  /** Puts every entry of {@code pairs} (in its iteration order) until the returned scope is closed. */
  public static Scope putAll(Map<String, ?> pairs) {
    String[] keys = new String[pairs.size()];
    String[] previous = new String[keys.length];
    int i = 0;
    for (Map.Entry<String, ?> e : pairs.entrySet()) {
      keys[i] = String.valueOf(e.getKey());
      previous[i] = MDC.get(keys[i]);
      MDC.put(keys[i], SafeText.of(e.getValue()));
      i++;
    }
    return new Scope(keys, previous);
  }

  /** An open scope; {@link #close()} restores the previous values. Closing twice is harmless. */
  public static final class Scope implements AutoCloseable {
    private final String[] keys;
    private final String[] previous;
    private boolean closed;

    private Scope(String[] keys, String[] previous) {
      this.keys = keys;
      this.previous = previous;
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
    }
  }
}
