package io.logship.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders an effective configuration as YAML that {@link ConfigLoader} reads back, for {@code --print-config}.
 * The API key shows as {@value Secret#REDACTED}, and so do the user-info and key-like query parameters of
 * {@code intake.url} ({@link Redacted}); unset keys are left out. Booleans print as YAML booleans. A first comment
 * line names the effective destination: {@code # destination: https://http-intake.logs.datadoghq.eu/api/v2/logs},
 * or {@code # destination: local intake at http://127.0.0.1:8282/ (no api_key and no intake.url)}.
 */
public final class ConfigPrinter {
    private ConfigPrinter() {}

    public static String toYaml(LogshipConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (ConfigKey<LogshipConfig> key : ConfigKeys.GLOBAL) {
            key.renderFrom(config).ifPresent(text -> {
                ObjectNode parent = key.section().isEmpty() ? root : section(root, key.section());
                put(parent, key, text);
            });
        }
        ArrayNode logs = root.putArray(ConfigKeys.LOGS);
        for (LogSource source : config.logs()) {
            ObjectNode entry = logs.addObject();
            for (ConfigKey<LogSource> key : ConfigKeys.sourceKeys(source.type())) {
                key.renderFrom(source).ifPresent(text -> {
                    ObjectNode parent = key.section().isEmpty() ? entry : section(entry, key.section());
                    put(parent, key, text);
                });
            }
        }
        try {
            return "# destination: " + destination(config) + "\n"
                    + new ObjectMapper(new YAMLFactory()
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                            .writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where records go: the intake URL (redacted), or the embedded local intake and its page. */
    public static String destination(LogshipConfig config) {
        if (config.usesLocalIntake()) {
            String url = config.resolvedIntakeUrl().resolve("/").toString();
            return "local intake at " + url + " (no api_key and no intake.url)";
        }
        return Redacted.url(config.resolvedIntakeUrl());
    }

    private static ObjectNode section(ObjectNode root, String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    private static void put(ObjectNode parent, ConfigKey<?> key, String text) {
        if (key.kind() == ConfigKey.Kind.TAGS || key.kind() == ConfigKey.Kind.CIDRS) {
            ArrayNode list = parent.putArray(key.name());
            if (!text.isEmpty()) {
                List.of(text.split(",")).forEach(list::add);
            }
        } else if (key.kind() == ConfigKey.Kind.BOOLEAN) {
            parent.put(key.name(), Boolean.parseBoolean(text));
        } else {
            parent.put(key.name(), text);
        }
    }
}
