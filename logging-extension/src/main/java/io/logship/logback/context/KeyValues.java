package io.logship.logback.context;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The merged key/value pairs of a logging event, whichever of the four mechanisms supplied them.
 *
 * <p>Sources, from lowest to highest precedence:
 *
 * <ol>
 *   <li><b>scoped</b>: the event's MDC map ({@link LogContext} writes there; so does any other MDC user), in key
 *       order, because logback keeps the MDC in an unordered map;
 *   <li><b>bound</b> and <b>SLF4J 2</b> pairs: {@link ILoggingEvent#getKeyValuePairs()} in the order they were added
 *       ({@link BoundLogger} adds its bound pairs first, so call-site {@code addKeyValue} pairs win over them);
 *   <li><b>call-site arguments</b>: every {@link KeyValuePair} in {@link ILoggingEvent#getArgumentArray()}, made with
 *       {@link #kv(String, Object)}.
 * </ol>
 *
 * <p>When a key repeats, the value of the highest-precedence source wins and the key keeps the position where it
 * first appeared (like a Python dict update, or daiquiri's merged extras). The result is therefore deterministic.
 *
 * <p><b>Async appenders:</b> everything read here lives on the event itself. The MDC map is captured the first time
 * {@link ILoggingEvent#getMDCPropertyMap()} runs; logback's {@code AsyncAppenderBase} does so on the application
 * thread through {@link ILoggingEvent#prepareForDeferredProcessing()}. An appender that hands events to another
 * thread must call {@code event.prepareForDeferredProcessing()} in {@code append} before queueing, as logback's
 * does; then {@link #of(ILoggingEvent)} gives the same answer on any thread. Argument values are read when the event
 * is encoded, as logback does for message arguments.
 *
 * <p>Thread-safe and allocation-light: one small list per call, a linear key search up to {@value
 * #LINEAR_SEARCH_LIMIT} pairs.
 */
public final class KeyValues {

    /** Up to this many pairs, duplicates are found by a linear scan; beyond it, with a hash index. */
    public static final int LINEAR_SEARCH_LIMIT = 16;

    private KeyValues() {}

    /**
     * A key/value argument for a classic logging call: {@code log.info("paid {}", amount, kv("user", u))}. It is not
     * consumed by the message's {@code {}} placeholders unless there are more placeholders than ordinary arguments.
     *
     * @param key the key; {@code null} becomes {@code "null"}
     * @param value any value, {@code null} included
     */
    public static KeyValuePair kv(String key, Object value) {
        return new KeyValuePair(String.valueOf(key), value);
    }

    /**
     * Returns the merged pairs of {@code event}: unique keys, precedence call-site &gt; bound &gt; scoped, in insertion
     * order. Never {@code null}; empty (and shared) when the event has no context.
     */
    public static List<KeyValuePair> of(ILoggingEvent event) {
        Map<String, String> mdc = mdcOf(event);
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        Object[] args = event.getArgumentArray();
        boolean hasMdc = mdc != null && !mdc.isEmpty();
        boolean hasPairs = pairs != null && !pairs.isEmpty();
        boolean hasArgs = args != null && containsPair(args);
        if (!hasMdc && !hasPairs && !hasArgs) {
            return Collections.emptyList();
        }
        Merger merger = new Merger();
        if (hasMdc) {
            String[] keys = mdc.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (String key : keys) {
                merger.put(new KeyValuePair(key, mdc.get(key)));
            }
        }
        if (hasPairs) {
            for (KeyValuePair pair : pairs) {
                if (pair != null) {
                    merger.put(pair.key == null ? new KeyValuePair("null", pair.value) : pair);
                }
            }
        }
        if (hasArgs) {
            for (Object arg : args) {
                if (arg instanceof KeyValuePair) {
                    KeyValuePair pair = (KeyValuePair) arg;
                    merger.put(pair.key == null ? new KeyValuePair("null", pair.value) : pair);
                }
            }
        }
        return merger.result();
    }

    private static Map<String, String> mdcOf(ILoggingEvent event) {
        try {
            return event.getMDCPropertyMap();
        } catch (NullPointerException e) { // a bare new LoggerContext() has no MDC adapter: there is no scoped context
            return null;
        }
    }

    private static boolean containsPair(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof KeyValuePair) {
                return true;
            }
        }
        return false;
    }

    /** Later puts win; a key keeps its first position. */
    private static final class Merger {
        private final ArrayList<KeyValuePair> list = new ArrayList<>(8);
        private Map<String, Integer> index;

        void put(KeyValuePair pair) {
            int at = indexOf(pair.key);
            if (at >= 0) {
                list.set(at, pair);
                return;
            }
            list.add(pair);
            if (index != null) {
                index.put(pair.key, list.size() - 1);
            } else if (list.size() > LINEAR_SEARCH_LIMIT) {
                index = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    index.put(list.get(i).key, i);
                }
            }
        }

        private int indexOf(String key) {
            if (index != null) {
                Integer at = index.get(key);
                return at == null ? -1 : at;
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).key.equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        List<KeyValuePair> result() {
            return Collections.unmodifiableList(list);
        }
    }
}
