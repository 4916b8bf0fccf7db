package io.logship.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link LogshipConfig} from defaults, an optional YAML file and the environment, in that order of
 * increasing precedence.
 *
 * <p>Environment variables: {@code DD_API_KEY}, {@code DD_SITE}, {@code DD_HOSTNAME}, {@code DD_TAGS}, and
 * {@code LOGSHIP_<PATH>} for any key, the path upper-cased with dots as underscores ({@code LOGSHIP_INTAKE_URL},
 * {@code LOGSHIP_BATCH_MAX_WAIT}, {@code LOGSHIP_LOGS_0_PORT}). A {@code LOGSHIP_} variable wins over its
 * {@code DD_} alias.
 *
 * <p>Every problem found (missing file, invalid YAML, unknown key, wrong type, out-of-range value) is collected
 * and thrown as one {@link ConfigException}, each line naming the key's path, the value and what was expected.
 * Secret values are never quoted in errors.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "LOGSHIP_";
    private static final String LOGS_ENV_PREFIX = ENV_PREFIX + "LOGS_";
    /** A bound on {@code LOGSHIP_LOGS_<i>_*}, so a typo cannot create a million sources. */
    static final int MAX_SOURCES = 256;

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Path of a value that came from the environment → the variable that set it. */
    private final Map<String, String> envOrigins = new HashMap<>();
    private String fileLabel = "";

    private ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The configuration with every default, as if there were no file and no environment. */
    public static LogshipConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    /** Loads {@code file} (if given) with {@code env} on top; throws {@link ConfigException} listing every problem. */
    public static LogshipConfig load(Optional<Path> file, Map<String, String> env) {
        return loadReporting(file, env).config();
    }

    /** As {@link #load}, also returning warnings (environment variables that look like mistyped keys). */
    public static Loaded loadReporting(Optional<Path> file, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env);
        LogshipConfig config = loader.build(file);
        return new Loaded(config, List.copyOf(loader.warnings));
    }

    /** A loaded configuration and the warnings found on the way. */
    public record Loaded(LogshipConfig config, List<String> warnings) {}

    private LogshipConfig build(Optional<Path> file) {
        ObjectNode root = file.map(this::read).orElseGet(JsonNodeFactory.instance::objectNode);
        throwIfProblems();
        overlayEnvironment(root);
        checkKnownKeys(root);
        LogshipConfig config = bind(root);
        throwIfProblems();
        return config;
    }

    private void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private ObjectNode read(Path file) {
        fileLabel = file + ": ";
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            problems.add("config file not found: " + file);
            return null;
        } catch (IOException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return null;
        }
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            problems.add(fileLabel + "invalid YAML" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
            return null;
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            problems.add(fileLabel + "expected a mapping of keys at the top level, got " + describe(tree, false));
            return null;
        }
        return (ObjectNode) tree;
    }

    // --- environment -------------------------------------------------------------------------------------------

    private void overlayEnvironment(ObjectNode root) {
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
                Suggestions.closest(name, known).ifPresent(s ->
                        warnings.add("environment variable " + name + " is not a configuration key; did you mean "
                                + s + "?"));
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
            entry.set(key, TextNode.valueOf(env.get(name)));
            envOrigins.put(ConfigKeys.LOGS + "[" + index + "]." + key, name);
        }
    }

    private void put(ObjectNode root, String path, String value, String variable) {
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
        envOrigins.put(path, variable);
    }

    static String envName(ConfigKey<?> key) {
        return ENV_PREFIX + key.path().replace('.', '_').toUpperCase(Locale.ROOT);
    }

    // --- unknown keys ------------------------------------------------------------------------------------------

    private void checkKnownKeys(ObjectNode root) {
        List<String> topLevel = new ArrayList<>();
        Map<String, List<String>> sections = new HashMap<>();
        for (ConfigKey<LogshipConfig> key : ConfigKeys.GLOBAL) {
            String section = key.section();
            if (section.isEmpty()) {
                topLevel.add(key.name());
            } else {
                if (!topLevel.contains(section)) topLevel.add(section);
                sections.computeIfAbsent(section, s -> new ArrayList<>()).add(key.name());
            }
        }
        topLevel.add(ConfigKeys.LOGS);
        List<String> sourceKeys = ConfigKeys.SOURCE.stream().map(ConfigKey::name).toList();

        root.fieldNames().forEachRemaining(name -> {
            JsonNode value = root.get(name);
            if (name.equals(ConfigKeys.LOGS)) {
                checkSources(value, sourceKeys);
            } else if (sections.containsKey(name)) {
                if (value.isObject()) {
                    value.fieldNames().forEachRemaining(child -> {
                        if (!sections.get(name).contains(child)) unknown(name + "." + child, child, sections.get(name));
                    });
                } else if (!value.isNull()) {
                    problems.add(fileLabel + name + ": got " + describe(value, false) + ", expected a mapping of "
                            + String.join(", ", sections.get(name)));
                }
            } else if (!topLevel.contains(name)) {
                unknown(name, name, topLevel);
            }
        });
    }

    private void checkSources(JsonNode logs, List<String> sourceKeys) {
        if (logs.isNull()) {
            return;
        }
        if (!logs.isArray()) {
            problems.add(fileLabel + "logs: got " + describe(logs, false) + ", expected a list of sources");
            return;
        }
        for (int i = 0; i < logs.size(); i++) {
            JsonNode entry = logs.get(i);
            if (!entry.isObject()) {
                problems.add(fileLabel + "logs[" + i + "]: got " + describe(entry, false)
                        + ", expected a mapping of " + String.join(", ", sourceKeys));
                continue;
            }
            int index = i;
            entry.fieldNames().forEachRemaining(child -> {
                if (!sourceKeys.contains(child)) unknown("logs[" + index + "]." + child, child, sourceKeys);
            });
        }
    }

    private void unknown(String path, String name, List<String> candidates) {
        String hint = Suggestions.closest(name, candidates).map(s -> "did you mean " + s + "?")
                .orElse("expected one of " + String.join(", ", candidates));
        problems.add(origin(path) + ": unknown key, " + hint);
    }

    // --- binding -----------------------------------------------------------------------------------------------

    private LogshipConfig bind(ObjectNode root) {
        Secret apiKey = (Secret) value(root, ConfigKeys.API_KEY, Secret.absent());
        String site = (String) value(root, ConfigKeys.SITE);
        String hostname = (String) value(root, ConfigKeys.HOSTNAME, null);
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) value(root, ConfigKeys.TAGS_KEY);
        Duration grace = (Duration) value(root, ConfigKeys.STOP_GRACE_PERIOD);
        Intake intake = bindIntake(root);
        Batch batch = new Batch(intValue(root, ConfigKeys.BATCH_MAX_RECORDS),
                (Long) value(root, ConfigKeys.BATCH_MAX_BYTES), (Duration) value(root, ConfigKeys.BATCH_MAX_WAIT));
        Retry retry = new Retry((Duration) value(root, ConfigKeys.RETRY_BASE),
                (Double) value(root, ConfigKeys.RETRY_FACTOR), (Duration) value(root, ConfigKeys.RETRY_MAX));
        Buffer buffer = new Buffer((Long) value(root, ConfigKeys.BUFFER_MAX_BYTES),
                (WhenFull) value(root, ConfigKeys.BUFFER_WHEN_FULL));
        Spool spool = new Spool(Optional.ofNullable((Path) value(root, ConfigKeys.SPOOL_PATH, null)),
                (Long) value(root, ConfigKeys.SPOOL_MAX_BYTES), (FsyncPolicy) value(root, ConfigKeys.SPOOL_FSYNC),
                (Duration) value(root, ConfigKeys.SPOOL_FSYNC_INTERVAL));
        Metrics metrics = new Metrics((Boolean) value(root, ConfigKeys.METRICS_ENABLED),
                (String) value(root, ConfigKeys.METRICS_BIND), intValue(root, ConfigKeys.METRICS_PORT));
        LocalIntake localIntake = new LocalIntake((String) value(root, ConfigKeys.LOCAL_INTAKE_BIND),
                intValue(root, ConfigKeys.LOCAL_INTAKE_PORT), (Path) value(root, ConfigKeys.LOCAL_INTAKE_PATH));
        List<LogSource> logs = bindSources(root.get(ConfigKeys.LOGS));

        checkAtLeast(ConfigKeys.BUFFER_MAX_BYTES, buffer.maxBytes(), ConfigKeys.BATCH_MAX_BYTES, batch.maxBytes());
        if (spool.enabled()) {
            checkAtLeast(ConfigKeys.SPOOL_MAX_BYTES, spool.maxBytes(), ConfigKeys.BATCH_MAX_BYTES, batch.maxBytes());
        }
        if (retry.max().compareTo(retry.base()) < 0) {
            problems.add(origin(ConfigKeys.RETRY_MAX.path()) + ": got " + HumanDuration.format(retry.max())
                    + ", expected at least retry.base (" + HumanDuration.format(retry.base()) + ")");
        }
        return new LogshipConfig(apiKey, site, hostname == null ? localHostname() : hostname, tags, intake, batch,
                retry, buffer, spool, metrics, localIntake, grace, logs);
    }

    private Intake bindIntake(ObjectNode root) {
        URI url = (URI) value(root, ConfigKeys.INTAKE_URL, null);
        Compression compression = (Compression) value(root, ConfigKeys.INTAKE_COMPRESSION);
        JsonNode levelNode = at(root, ConfigKeys.INTAKE_COMPRESSION_LEVEL.path());
        int level = compression.defaultLevel();
        if (levelNode != null && !levelNode.isNull()) {
            try {
                level = Integer.parseInt(levelNode.asText().strip());
                if (!levelNode.isValueNode() || level < compression.minLevel() || level > compression.maxLevel()) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add(origin(ConfigKeys.INTAKE_COMPRESSION_LEVEL.path()) + ": got " + describe(levelNode, false)
                        + ", expected " + (compression == Compression.NONE ? "no level with compression none"
                        : "an integer from " + compression.minLevel() + " to " + compression.maxLevel() + " for "
                        + ConfigKey.yamlName(compression)));
                level = compression.defaultLevel();
            }
        }
        return new Intake(Optional.ofNullable(url), compression, level,
                intValue(root, ConfigKeys.INTAKE_MAX_IN_FLIGHT), (Duration) value(root, ConfigKeys.INTAKE_TIMEOUT));
    }

    private List<LogSource> bindSources(JsonNode logs) {
        List<LogSource> sources = new ArrayList<>();
        if (logs == null || !logs.isArray() || logs.isEmpty()) {
            sources.add(source(JsonNodeFactory.instance.objectNode(), ConfigKeys.LOGS + "[0]"));
            return sources;
        }
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i) instanceof ObjectNode entry) {
                String prefix = ConfigKeys.LOGS + "[" + i + "]";
                int problemsBefore = problems.size();
                LogSource source = source(entry, prefix);
                // A source with a bad value carries defaults in its place: comparing those would only add noise.
                for (int j = 0; j < sources.size() && problems.size() == problemsBefore; j++) {
                    LogSource other = sources.get(j);
                    if (other.type() == source.type() && other.port() == source.port() && source.port() != 0
                            && other.bind().equals(source.bind())) {
                        problems.add(origin(prefix + ".port") + ": got " + source.port()
                                + ", expected a port that no other " + ConfigKey.yamlName(source.type())
                                + " source on " + source.bind() + " uses (logs[" + j + "] does)");
                    }
                }
                sources.add(source);
            }
        }
        return sources;
    }

    @SuppressWarnings("unchecked")
    private LogSource source(ObjectNode entry, String prefix) {
        return new LogSource(
                (SourceType) value(entry, prefix, ConfigKeys.SOURCE_TYPE, ConfigKeys.SOURCE_TYPE.defaultValue()),
                (String) value(entry, prefix, ConfigKeys.SOURCE_BIND, ConfigKeys.SOURCE_BIND.defaultValue()),
                ((Number) value(entry, prefix, ConfigKeys.SOURCE_PORT, ConfigKeys.SOURCE_PORT.defaultValue()))
                        .intValue(),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SERVICE, null)),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SOURCE, null)),
                (List<String>) value(entry, prefix, ConfigKeys.SOURCE_TAGS, List.of()),
                ((Number) value(entry, prefix, ConfigKeys.SOURCE_MAX_MESSAGE_BYTES,
                        ConfigKeys.SOURCE_MAX_MESSAGE_BYTES.defaultValue())).intValue());
    }

    private Object value(ObjectNode root, ConfigKey<LogshipConfig> key) {
        return value(root, key, key.defaultValue());
    }

    private int intValue(ObjectNode root, ConfigKey<LogshipConfig> key) {
        return ((Number) value(root, key)).intValue();
    }

    private Object value(ObjectNode root, ConfigKey<LogshipConfig> key, Object fallback) {
        return convert(at(root, key.path()), key.path(), key, fallback);
    }

    private Object value(ObjectNode entry, String prefix, ConfigKey<LogSource> key, Object fallback) {
        return convert(entry.get(key.name()), prefix + "." + key.name(), key, fallback);
    }

    private Object convert(JsonNode node, String path, ConfigKey<?> key, Object fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            return key.convert(node);
        } catch (IllegalArgumentException e) {
            problems.add(origin(path) + ": got " + describe(node, key.kind() == ConfigKey.Kind.SECRET)
                    + ", expected " + key.expected());
            return fallback;
        }
    }

    private void checkAtLeast(ConfigKey<?> key, long value, ConfigKey<?> floorKey, long floor) {
        if (value < floor) {
            problems.add(origin(key.path()) + ": got " + ByteSize.format(value) + ", expected at least "
                    + floorKey.path() + " (" + ByteSize.format(floor) + ")");
        }
    }

    private static JsonNode at(ObjectNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        return node;
    }

    private String origin(String path) {
        String variable = envOrigins.get(path);
        return variable != null ? "environment " + variable + " (" + path + ")" : fileLabel + path;
    }

    private static String describe(JsonNode node, boolean secret) {
        if (node.isArray()) return "a list";
        if (node.isObject()) return "a mapping";
        if (secret) return Secret.REDACTED;
        if (node.isTextual()) return "\"" + node.asText() + "\"";
        return node.asText();
    }

    private String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // No resolvable name (containers often lack one): fall back to what the shell knows.
            return env.getOrDefault("HOSTNAME", "localhost");
        }
    }
}
