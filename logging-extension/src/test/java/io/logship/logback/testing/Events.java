package io.logship.logback.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/** Builds logback events with fixed time, thread and context, for golden tests. */
public final class Events {

    /** 2026-11-25T10:24:04.373Z. */
    public static final long TIME = 1795602244373L;

    private final LoggerContext context = new LoggerContext();
    private String logger = "myapp";
    private Level level = Level.INFO;
    private String message = "hello";
    private Object[] args;
    private Throwable throwable;
    private final Map<String, String> mdc = new LinkedHashMap<>();
    private final List<KeyValuePair> pairs = new ArrayList<>();

    public static Events event() {
        return new Events();
    }

    public Events logger(String name) {
        this.logger = name;
        return this;
    }

    public Events level(Level level) {
        this.level = level;
        return this;
    }

    public Events message(String message, Object... args) {
        this.message = message;
        this.args = args.length == 0 ? null : args;
        return this;
    }

    public Events throwable(Throwable throwable) {
        this.throwable = throwable;
        return this;
    }

    public Events mdc(String key, String value) {
        mdc.put(key, value);
        return this;
    }

    public Events pair(String key, Object value) {
        pairs.add(new KeyValuePair(key, value));
        return this;
    }

    public LoggingEvent build() {
        Logger l = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), l, level, message, throwable, args);
        event.setTimeStamp(TIME);
        event.setThreadName("main");
        event.setMDCPropertyMap(new LinkedHashMap<>(mdc));
        if (!pairs.isEmpty()) {
            event.setKeyValuePairs(new ArrayList<>(pairs));
        }
        return event;
    }

    /** An exception with a fixed one-frame stack, so renderings are stable. */
    public static <T extends Throwable> T fixed(T t, String frameClass) {
        t.setStackTrace(new StackTraceElement[] {new StackTraceElement(frameClass, "run", "App.java", 42)});
        return t;
    }

    /** A value whose toString() throws. */
    public static final class Hostile {
        @Override
        public String toString() {
            throw new IllegalStateException("no text for you");
        }
    }
}
