package io.logship.logback.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.DefaultLoggingEventBuilder;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * An SLF4J {@link Logger} that adds bound key/value pairs to every record: the per-object logger of daiquiri's
 * {@code getLogger(name, **kwargs)}.
 *
 * <pre>{@code
 * Logger log = Logship.getLogger(Worker.class, "worker_id", 7);
 * log.info("started");                              // [worker_id: 7]
 * log.with("attempt", 2).warn("retrying");          // [worker_id: 7] [attempt: 2]
 * }</pre>
 *
 * <p>Bound pairs travel as SLF4J 2 key/value pairs, added before any call-site pair, so {@link KeyValues#of} lets the
 * call site win. Two bound loggers of the same name share the underlying logger (and its level) but not their
 * context. Immutable and thread-safe; {@link #with(String, Object)} returns a new child.
 *
 * <p><b>Pitfalls:</b> the level checks and the caller location are the delegate's; a delegate that is not
 * SLF4J-2-event aware (not logback) receives the bound pairs through its fluent API fallback.
 */
public final class BoundLogger extends AbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger delegate;
    private final transient List<KeyValuePair> bound;

    private BoundLogger(Logger delegate, List<KeyValuePair> bound) {
        this.delegate = delegate;
        this.bound = bound;
        this.name = delegate.getName();
    }

    /**
     * Wraps {@code delegate} with the bound pairs {@code keyValues} = key1, value1, key2, value2...
     *
     * @throws IllegalArgumentException if {@code keyValues} has an odd length or a key that is not a String
     */
    public static BoundLogger of(Logger delegate, Object... keyValues) {
        return new BoundLogger(delegate, merge(Collections.emptyList(), keyValues));
    }

    /** A child logger with the same bound pairs plus {@code key = value} (which replaces a bound value of that key). */
    public BoundLogger with(String key, Object value) {
        return new BoundLogger(delegate, merge(bound, key, value));
    }

    /** A child logger with the same bound pairs plus {@code keyValues} = key1, value1, key2, value2... */
    public BoundLogger with(Object... keyValues) {
        return new BoundLogger(delegate, merge(bound, keyValues));
    }

    /** The bound pairs, in binding order; unmodifiable. */
    public List<KeyValuePair> boundPairs() {
        return bound;
    }

    /** The logger this one writes through. */
    public Logger delegate() {
        return delegate;
    }

    private static List<KeyValuePair> merge(List<KeyValuePair> base, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "bound context needs key/value pairs, got an odd number of arguments: " + keyValues.length);
        }
        List<KeyValuePair> merged = new ArrayList<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!(keyValues[i] instanceof String)) {
                throw new IllegalArgumentException(
                        "bound context key at position " + i + " must be a String, got: " + SafeText.of(keyValues[i]));
            }
            String key = (String) keyValues[i];
            KeyValuePair pair = new KeyValuePair(key, keyValues[i + 1]);
            int at = -1;
            for (int j = 0; j < merged.size(); j++) {
                if (merged.get(j).key.equals(key)) {
                    at = j;
                    break;
                }
            }
            if (at >= 0) {
                merged.set(at, pair);
            } else {
                merged.add(pair);
            }
        }
        return Collections.unmodifiableList(merged);
    }

    @Override
    public LoggingEventBuilder makeLoggingEventBuilder(Level level) {
        DefaultLoggingEventBuilder builder = new DefaultLoggingEventBuilder(delegate, level);
        for (KeyValuePair pair : bound) {
            builder.addKeyValue(pair.key, pair.value);
        }
        return builder;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
        DefaultLoggingEventBuilder builder = (DefaultLoggingEventBuilder) makeLoggingEventBuilder(level);
        // The caller is the first frame after AbstractLogger's public methods (info, warn...).
        builder.setCallerBoundary(AbstractLogger.class.getName());
        if (marker != null) {
            builder.addMarker(marker);
        }
        if (arguments != null) {
            for (Object argument : arguments) {
                builder.addArgument(argument);
            }
        }
        if (throwable != null) {
            builder.setCause(throwable);
        }
        builder.log(messagePattern);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return delegate.isTraceEnabled(marker);
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return delegate.isDebugEnabled(marker);
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return delegate.isInfoEnabled(marker);
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return delegate.isWarnEnabled(marker);
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return delegate.isErrorEnabled(marker);
    }

    @Override
    public String toString() {
        return "BoundLogger[" + name + ", keys=" + keys() + "]";
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>(bound.size());
        for (KeyValuePair pair : bound) {
            keys.add(pair.key);
        }
        return keys;
    }
}
