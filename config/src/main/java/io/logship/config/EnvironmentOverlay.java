package io.logship.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes environment variables over the file's tree, before it is checked and bound, so an environment value
 * is validated exactly like a file value. {@code DD_API_KEY}, {@code DD_SITE}, {@code DD_HOSTNAME}, {@code DD_TAGS}
 * and {@code LOGSHIP_<PATH>} for every key; a {@code LOGSHIP_} variable wins over its {@code DD_} alias.
 */
final class EnvironmentOverlay {
    private static final String ENV_PREFIX = "LOGSHIP_";
    private static final String LOGS_ENV_PREFIX = ENV_PREFIX + "LOGS_";
    /** A bound on {@code LOGSHIP_LOGS_<i>_*}, so a typo cannot create a million sources. */
    static final int MAX_SOURCES = 256;

    private final Map<String, String> env;
    private final Problems problems;

    EnvironmentOverlay(Map<String, String> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** {@code LOGSHIP_BATCH_MAX_WAIT} for {@code batch.max_wait}. */
    static String envName(ConfigKey<?> key) {
        return ENV_PREFIX + key.path().replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code LOGSHIP_LOGS_<i>_TLS_CERT_FILE} for {@code logs[i].tls.cert_file}. */
    static String sourceEnvName(ConfigKey<LogSource> key) {
        return LOGS_ENV_PREFIX + "<i>_" + key.path().replace('.', '_').toUpperCase(Locale.ROOT);
    }

    void apply(ObjectNode root) {
        for (ConfigKeys.EnvAlias alias : ConfigKeys.DATADOG_ENV) {
            String value = env.get(alias.variable());
            if (value != null && !env.containsKey(envName(alias.key()))) {
                put(root, alias.key().path(), value, alias.variable());
            }
        }
        List<String> known = new ArrayList<>();
        for (ConfigKey<LogshipConfig> key : ConfigKeys.GLOBAL) {
            known.add(envName(key));
            String value = env.get(envName(key));
            if (value != null) {
                put(root, key.path(), value, envName(key));
            }
        }
        env.keySet().stream().sorted().forEach(name -> {
            if (name.startsWith(LOGS_ENV_PREFIX)) {
                overlaySourceVariable(root, name);
            } else if (name.startsWith(ENV_PREFIX) && !known.contains(name)) {
                // Other components read LOGSHIP_ variables too (LOGSHIP_LEVELS, ...): warn only on a near miss.
                Suggestions.closest(name, known)
                        .ifPresent(s -> problems.warn("environment variable " + name
                                + " is not a configuration key; did you mean " + s + "?"));
            }
        });
    }

    private void overlaySourceVariable(ObjectNode root, String name) {
        String rest = name.substring(LOGS_ENV_PREFIX.length());
        int underscore = rest.indexOf('_');
        int index;
        try {
            index = underscore < 0 ? -1 : Integer.parseInt(rest.substring(0, underscore));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= MAX_SOURCES) {
            problems.add("environment " + name + ": expected LOGSHIP_LOGS_<index>_<key> with an index from 0 to "
                    + (MAX_SOURCES - 1));
            return;
        }
        String key = rest.substring(underscore + 1).toLowerCase(Locale.ROOT);
        JsonNode logs = root.get(ConfigKeys.LOGS);
        if (logs == null || logs.isNull()) {
            logs = root.putArray(ConfigKeys.LOGS);
        }
        if (!logs.isArray()) {
            return; // reported by checkKnownKeys
        }
        ArrayNode list = (ArrayNode) logs;
        while (list.size() <= index) {
            list.addObject();
        }
        if (list.get(index) instanceof ObjectNode entry) {
            // A key in a section (tls.cert_file) is written with an underscore for its dot: TLS_CERT_FILE.
            String path = ConfigKeys.SOURCE.stream()
                    .map(ConfigKey::path)
                    .filter(p -> p.contains(".") && p.replace('.', '_').equals(key))
                    .findFirst()
                    .orElse(key);
            put(entry, path, env.get(name), name, ConfigKeys.LOGS + "[" + index + "]." + path);
        }
    }

    private void put(ObjectNode root, String path, String value, String variable) {
        put(root, path, value, variable, path);
    }

    private void put(ObjectNode root, String path, String value, String variable, String reportedPath) {
        ObjectNode parent = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(parts[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(parts[parts.length - 1], TextNode.valueOf(value));
        problems.fromEnvironment(reportedPath, variable);
    }
}
