package io.logship.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects keys the configuration does not have, with the closest known key as a suggestion
 * ({@code batch.max_wiat: unknown key, did you mean max_wait?}), and sections of the wrong shape.
 */
final class KnownKeys {
    private KnownKeys() {}

    static void check(ObjectNode root, Problems problems) {
        List<String> topLevel = new ArrayList<>();
        Map<String, List<String>> sections = new HashMap<>();
        for (ConfigKey<LogshipConfig> key : ConfigKeys.GLOBAL) {
            String section = key.section();
            if (section.isEmpty()) {
                topLevel.add(key.name());
            } else {
                if (!topLevel.contains(section)) {
                    topLevel.add(section);
                }
                sections.computeIfAbsent(section, s -> new ArrayList<>()).add(key.name());
            }
        }
        topLevel.add(ConfigKeys.LOGS);

        root.fieldNames().forEachRemaining(name -> {
            JsonNode value = root.get(name);
            if (name.equals(ConfigKeys.LOGS)) {
                checkSources(value, problems);
            } else if (sections.containsKey(name)) {
                if (value.isObject()) {
                    List<String> known = sections.get(name);
                    value.fieldNames().forEachRemaining(child -> {
                        if (!known.contains(child)) {
                            unknown(name + "." + child, child, known, problems);
                        }
                    });
                } else if (!value.isNull()) {
                    problems.got(
                            name,
                            Problems.describe(value, false),
                            "a mapping of " + String.join(", ", sections.get(name)));
                }
            } else if (!topLevel.contains(name)) {
                unknown(name, name, topLevel, problems);
            }
        });
    }

    private static void checkSources(JsonNode logs, Problems problems) {
        if (logs.isNull()) {
            return;
        }
        if (!logs.isArray()) {
            problems.got("logs", Problems.describe(logs, false), "a list of sources");
            return;
        }
        for (int i = 0; i < logs.size(); i++) {
            JsonNode entry = logs.get(i);
            List<String> sourceKeys = keysOf(entry);
            if (!entry.isObject()) {
                problems.got(
                        "logs[" + i + "]",
                        Problems.describe(entry, false),
                        "a mapping of " + String.join(", ", sourceKeys));
                continue;
            }
            String prefix = "logs[" + i + "].";
            entry.fieldNames().forEachRemaining(child -> {
                if (!sourceKeys.contains(child)) {
                    unknown(prefix + child, child, sourceKeys, problems);
                } else if (entry.get(child).isObject()
                        && !childrenOf(entry, child).isEmpty()) {
                    List<String> inner = childrenOf(entry, child);
                    entry.get(child).fieldNames().forEachRemaining(name -> {
                        if (!inner.contains(name)) {
                            unknown(prefix + child + "." + name, name, inner, problems);
                        }
                    });
                }
            });
        }
    }

    /** The top-level keys (and sections, such as {@code tls}) an entry of its {@code type:} takes. */
    private static List<String> keysOf(JsonNode entry) {
        return sourceKeysOf(entry).stream()
                .map(k -> k.section().isEmpty() ? k.name() : k.section())
                .distinct()
                .toList();
    }

    /** The keys of the section {@code section} of an entry. */
    private static List<String> childrenOf(JsonNode entry, String section) {
        return sourceKeysOf(entry).stream()
                .filter(k -> k.section().equals(section))
                .map(ConfigKey::name)
                .toList();
    }

    /** The keys an entry of its {@code type:} takes; every source key when the type is unknown (reported apart). */
    private static List<ConfigKey<LogSource>> sourceKeysOf(JsonNode entry) {
        JsonNode type = entry.isObject() ? entry.get(ConfigKeys.SOURCE_TYPE.name()) : null;
        List<ConfigKey<LogSource>> keys = ConfigKeys.SOCKET_SOURCE;
        if (type != null && !type.isNull()) {
            try {
                keys = ConfigKeys.sourceKeys((SourceType) ConfigKeys.SOURCE_TYPE.convert(type));
            } catch (IllegalArgumentException e) {
                keys = ConfigKeys.SOURCE; // the loader reports the type itself
            }
        }
        return keys;
    }

    private static void unknown(String path, String name, List<String> candidates, Problems problems) {
        String hint = Suggestions.closest(name, candidates)
                .map(s -> "did you mean " + s + "?")
                .orElse("expected one of " + String.join(", ", candidates));
        problems.at(path, "unknown key, " + hint);
    }
}
