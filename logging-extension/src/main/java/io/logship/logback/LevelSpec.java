package io.logship.logback;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One per-logger level, parsed from {@code "io.netty=warn"}: the logger name ({@code root} or empty for the root
 * logger), {@code =}, a level name (trace, debug, info, warn/warning, error/critical, off; any case).
 */
record LevelSpec(String logger, Level level) {

    /** Environment variable holding comma-separated entries: {@code LOGSHIP_LEVELS=io.netty=warn,com.acme=debug}. */
    static final String ENV_VAR = "LOGSHIP_LEVELS";

    /**
     * Parses one entry.
     *
     * @throws IllegalArgumentException naming the entry if it is not {@code <logger>=<level>} or the level is unknown
     */
    static LevelSpec parse(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("Malformed level entry 'null': expected <logger>=<level>");
        }
        int eq = entry.indexOf('=');
        if (eq < 0 || eq != entry.lastIndexOf('=')) {
            throw new IllegalArgumentException(
                    "Malformed level entry '" + entry + "': expected <logger>=<level>, e.g. io.netty=warn");
        }
        String logger = entry.substring(0, eq).strip();
        String levelName = entry.substring(eq + 1).strip();
        if (levelName.isEmpty()) {
            throw new IllegalArgumentException("Malformed level entry '" + entry + "': the level is missing");
        }
        Level level = parseLevel(levelName);
        if (level == null) {
            throw new IllegalArgumentException("Malformed level entry '" + entry + "': unknown level '" + levelName
                    + "' (expected trace, debug, info, warn, error, or off)");
        }
        return new LevelSpec(logger.isEmpty() ? Logger.ROOT_LOGGER_NAME : logger, level);
    }

    /** A level from its name in any case ({@code warning} is {@code WARN}); {@code null} if unknown. */
    static Level parseLevel(String name) {
        switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE":
                return Level.TRACE;
            case "DEBUG":
                return Level.DEBUG;
            case "INFO":
                return Level.INFO;
            case "WARN":
            case "WARNING":
                return Level.WARN;
            case "ERROR":
            case "CRITICAL":
                return Level.ERROR;
            case "OFF":
                return Level.OFF;
            default:
                return null;
        }
    }

    /** Parses every entry, all or nothing. */
    static List<LevelSpec> parseAll(Iterable<String> entries) {
        List<LevelSpec> specs = new ArrayList<>();
        for (String entry : entries) {
            specs.add(parse(entry));
        }
        return specs;
    }

    /**
     * The entries of {@value #ENV_VAR} in {@code environment}: comma-separated, blanks ignored; empty if unset.
     *
     * @throws IllegalArgumentException naming the variable and the malformed entry
     */
    static List<LevelSpec> fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENV_VAR);
        if (value == null || value.isBlank()) {
            return Collections.emptyList();
        }
        List<LevelSpec> specs = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                specs.add(parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV_VAR + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }
}
