package io.logship.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logship.schema.DatadogVariables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
    private final Map<String, String> env;
    private final Problems problems = new Problems();

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
        return new Loaded(config, loader.problems.warnings());
    }

    /** A loaded configuration and the warnings found on the way. */
    public record Loaded(LogshipConfig config, List<String> warnings) {}

    private LogshipConfig build(Optional<Path> file) {
        ObjectNode root = file.map(this::read).orElseGet(JsonNodeFactory.instance::objectNode);
        problems.throwIfAny();
        new EnvironmentOverlay(env, problems).apply(root);
        KnownKeys.check(root, problems);
        LogshipConfig config = bind(root);
        problems.throwIfAny();
        return config;
    }

    private ObjectNode read(Path file) {
        problems.readingFile(file);
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
            problems.inFile(
                    "invalid YAML" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
            return null;
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            problems.inFile("expected a mapping of keys at the top level, got " + Problems.describe(tree, false));
            return null;
        }
        return (ObjectNode) tree;
    }

    private LogshipConfig bind(ObjectNode root) {
        Secret apiKey = (Secret) value(root, ConfigKeys.API_KEY, Secret.absent());
        String site = (String) value(root, ConfigKeys.SITE);
        String hostname = (String) value(root, ConfigKeys.HOSTNAME, null);
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) value(root, ConfigKeys.TAGS_KEY);
        Duration grace = (Duration) value(root, ConfigKeys.STOP_GRACE_PERIOD);
        Intake intake = bindIntake(root);
        BatchLimits batch = new BatchLimits(
                intValue(root, ConfigKeys.BATCH_MAX_RECORDS), (Long) value(root, ConfigKeys.BATCH_MAX_BYTES), (Duration)
                        value(root, ConfigKeys.BATCH_MAX_WAIT));
        Retry retry = new Retry(
                (Duration) value(root, ConfigKeys.RETRY_BASE), (Double) value(root, ConfigKeys.RETRY_FACTOR), (Duration)
                        value(root, ConfigKeys.RETRY_MAX));
        Buffer buffer = new Buffer(
                (Long) value(root, ConfigKeys.BUFFER_MAX_BYTES), (WhenFull) value(root, ConfigKeys.BUFFER_WHEN_FULL));
        Spool spool = new Spool(
                Optional.ofNullable((Path) value(root, ConfigKeys.SPOOL_PATH, null)),
                (Long) value(root, ConfigKeys.SPOOL_MAX_BYTES),
                (FsyncPolicy) value(root, ConfigKeys.SPOOL_FSYNC),
                (Duration) value(root, ConfigKeys.SPOOL_FSYNC_INTERVAL));
        Metrics metrics = new Metrics(
                (Boolean) value(root, ConfigKeys.METRICS_ENABLED),
                (String) value(root, ConfigKeys.METRICS_BIND),
                intValue(root, ConfigKeys.METRICS_PORT));
        LocalIntakeConfig localIntake = new LocalIntakeConfig(
                (String) value(root, ConfigKeys.LOCAL_INTAKE_BIND),
                intValue(root, ConfigKeys.LOCAL_INTAKE_PORT),
                (Path) value(root, ConfigKeys.LOCAL_INTAKE_PATH),
                (Boolean) value(root, ConfigKeys.LOCAL_INTAKE_ENABLED),
                (Long) value(root, ConfigKeys.LOCAL_INTAKE_MAX_BYTES),
                (Duration) value(root, ConfigKeys.LOCAL_INTAKE_MAX_AGE));
        boolean requireDestination = (Boolean) value(root, ConfigKeys.REQUIRE_DESTINATION);
        List<LogSource> logs = bindSources(root.get(ConfigKeys.LOGS));

        checkAtLeast(ConfigKeys.BUFFER_MAX_BYTES, buffer.maxBytes(), ConfigKeys.BATCH_MAX_BYTES, batch.maxBytes());
        if (spool.enabled()) {
            checkAtLeast(ConfigKeys.SPOOL_MAX_BYTES, spool.maxBytes(), ConfigKeys.BATCH_MAX_BYTES, batch.maxBytes());
        }
        if (retry.max().compareTo(retry.base()) < 0) {
            problems.got(
                    ConfigKeys.RETRY_MAX.path(),
                    HumanDuration.format(retry.max()),
                    "at least retry.base (" + HumanDuration.format(retry.base()) + ")");
        }
        if (requireDestination && !apiKey.isPresent() && intake.url().isEmpty() && !localIntake.enabled()) {
            problems.at(
                    ConfigKeys.REQUIRE_DESTINATION.path(),
                    "no destination: set DD_API_KEY (or api_key), "
                            + "intake.url, or local_intake.enabled: true to keep records in the embedded local intake");
        }
        return new LogshipConfig(
                apiKey,
                site,
                hostname == null ? localHostname() : hostname,
                tags,
                intake,
                batch,
                retry,
                buffer,
                spool,
                metrics,
                localIntake,
                grace,
                logs,
                requireDestination);
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
                problems.got(
                        ConfigKeys.INTAKE_COMPRESSION_LEVEL.path(),
                        Problems.describe(levelNode, false),
                        (compression == Compression.NONE
                                ? "no level with compression none"
                                : "an integer from " + compression.minLevel() + " to " + compression.maxLevel()
                                        + " for " + ConfigKey.yamlName(compression)));
                level = compression.defaultLevel();
            }
        }
        return new Intake(
                Optional.ofNullable(url),
                compression,
                level,
                intValue(root, ConfigKeys.INTAKE_MAX_IN_FLIGHT),
                (Duration) value(root, ConfigKeys.INTAKE_TIMEOUT));
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
                int problemsBefore = problems.count();
                LogSource source = source(entry, prefix);
                // A source with a bad value carries defaults in its place: comparing those would only add noise.
                for (int j = 0; j < sources.size() && problems.count() == problemsBefore; j++) {
                    if (sources.get(j) instanceof SocketSource other
                            && source instanceof SocketSource socket
                            && other.type() == socket.type()
                            && other.port() == socket.port()
                            && socket.port() != 0
                            && other.bind().equals(socket.bind())) {
                        problems.got(
                                prefix + ".port",
                                String.valueOf(socket.port()),
                                "a port that no other "
                                        + ConfigKey.yamlName(socket.type()) + " source on " + socket.bind()
                                        + " uses (logs["
                                        + j + "] does)");
                    }
                }
                sources.add(source);
            }
        }
        return sources;
    }

    /** One {@code logs:} entry: its {@code type:} chooses the variant, which reads its own keys. */
    private LogSource source(ObjectNode entry, String prefix) {
        SourceType type =
                (SourceType) value(entry, prefix, ConfigKeys.SOURCE_TYPE, ConfigKeys.SOURCE_TYPE.defaultValue());
        return switch (type) {
            case TCP, UDP -> socketSource(type, entry, prefix);
            case FILE -> fileSource(entry, prefix);
        };
    }

    @SuppressWarnings("unchecked")
    private SocketSource socketSource(SourceType type, ObjectNode entry, String prefix) {
        return new SocketSource(
                type,
                (String) value(entry, prefix, ConfigKeys.SOURCE_BIND, ConfigKeys.SOURCE_BIND.defaultValue()),
                intValue(entry, prefix, ConfigKeys.SOURCE_PORT),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SERVICE, null)),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SOURCE, null)),
                (List<String>) value(entry, prefix, ConfigKeys.SOURCE_TAGS, List.of()),
                intValue(entry, prefix, ConfigKeys.SOURCE_MAX_MESSAGE_BYTES),
                intValue(entry, prefix, ConfigKeys.SOURCE_MAX_CONNECTIONS),
                (Duration) value(
                        entry, prefix, ConfigKeys.SOURCE_IDLE_TIMEOUT, ConfigKeys.SOURCE_IDLE_TIMEOUT.defaultValue()),
                intValue(entry, prefix, ConfigKeys.SOURCE_RECEIVE_BUFFER_BYTES),
                tls(type, entry, prefix),
                (List<Cidr>) value(entry, prefix, ConfigKeys.SOURCE_ALLOW, List.of()));
    }

    /**
     * The {@code tls:} section of a socket source: absent without {@code tls.cert_file}; with it, {@code key_file}
     * is required and the files are read and checked now ({@link TlsFilesCheck}), so a bad file fails the start, not
     * the first client.
     */
    private Optional<Tls> tls(SourceType type, ObjectNode entry, String prefix) {
        JsonNode section = entry.get(ConfigKeys.SOURCE_TLS_CERT_FILE.section());
        if (section == null || section.isNull()) {
            return Optional.empty();
        }
        String sectionPath = prefix + "." + ConfigKeys.SOURCE_TLS_CERT_FILE.section();
        if (!section.isObject()) {
            problems.got(sectionPath, Problems.describe(section, false), "a mapping of cert_file, key_file, ...");
            return Optional.empty();
        }
        if (type != SourceType.TCP) {
            problems.at(sectionPath, "TLS is for type: tcp sources only, this one is " + ConfigKey.yamlName(type));
            return Optional.empty();
        }
        Path cert = (Path) value(entry, prefix, ConfigKeys.SOURCE_TLS_CERT_FILE, null);
        Path key = (Path) value(entry, prefix, ConfigKeys.SOURCE_TLS_KEY_FILE, null);
        Path clientCa = (Path) value(entry, prefix, ConfigKeys.SOURCE_TLS_CLIENT_CA_FILE, null);
        TlsVersion minVersion = (TlsVersion) value(
                entry, prefix, ConfigKeys.SOURCE_TLS_MIN_VERSION, ConfigKeys.SOURCE_TLS_MIN_VERSION.defaultValue());
        if (cert == null || key == null) {
            ConfigKey<LogSource> missing =
                    cert == null ? ConfigKeys.SOURCE_TLS_CERT_FILE : ConfigKeys.SOURCE_TLS_KEY_FILE;
            problems.at(
                    prefix + "." + missing.path(),
                    "missing, expected " + missing.expected() + " (a tls: section needs both cert_file and key_file)");
            return Optional.empty();
        }
        Tls tls = new Tls(cert, key, Optional.ofNullable(clientCa), minVersion);
        TlsFilesCheck.check(tls, prefix, problems);
        return Optional.of(tls);
    }

    @SuppressWarnings("unchecked")
    private FileSource fileSource(ObjectNode entry, String prefix) {
        String path = (String) value(entry, prefix, ConfigKeys.SOURCE_PATH, null);
        if (path == null || path.isBlank()) {
            if (path == null) {
                problems.at(
                        prefix + "." + ConfigKeys.SOURCE_PATH.name(),
                        "missing, expected " + ConfigKeys.SOURCE_PATH.expected()
                                + " (a type: file source needs the files to read)");
            }
            path = "";
        }
        String multiLine = (String) value(entry, prefix, ConfigKeys.SOURCE_MULTI_LINE_START, null);
        if (multiLine != null) {
            try {
                Pattern.compile(multiLine);
            } catch (PatternSyntaxException e) {
                problems.got(
                        prefix + "." + ConfigKeys.SOURCE_MULTI_LINE_START.name(),
                        "\"" + multiLine + "\"",
                        "a regular expression (" + e.getDescription() + " at index " + e.getIndex() + ")");
                multiLine = null;
            }
        }
        return new FileSource(
                path,
                (List<String>) value(entry, prefix, ConfigKeys.SOURCE_EXCLUDE_PATHS, List.of()),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SERVICE, null)),
                Optional.ofNullable((String) value(entry, prefix, ConfigKeys.SOURCE_SOURCE, null)),
                (List<String>) value(entry, prefix, ConfigKeys.SOURCE_TAGS, List.of()),
                intValue(entry, prefix, ConfigKeys.SOURCE_MAX_MESSAGE_BYTES),
                (StartPosition) value(
                        entry,
                        prefix,
                        ConfigKeys.SOURCE_START_POSITION,
                        ConfigKeys.SOURCE_START_POSITION.defaultValue()),
                Optional.ofNullable(multiLine),
                intValue(entry, prefix, ConfigKeys.SOURCE_MAX_OPEN_FILES));
    }

    private int intValue(ObjectNode entry, String prefix, ConfigKey<LogSource> key) {
        return ((Number) value(entry, prefix, key, key.defaultValue())).intValue();
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
        return convert(at(entry, key.path()), prefix + "." + key.path(), key, fallback);
    }

    private Object convert(JsonNode node, String path, ConfigKey<?> key, Object fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        try {
            return key.convert(node);
        } catch (IllegalArgumentException e) {
            // A list of ranges says which item is wrong and why; every other kind's message is what was expected.
            String expected = key.kind() == ConfigKey.Kind.CIDRS ? e.getMessage() : key.expected();
            problems.got(path, Problems.describe(node, key.kind() == ConfigKey.Kind.SECRET), expected);
            return fallback;
        }
    }

    private void checkAtLeast(ConfigKey<?> key, long value, ConfigKey<?> floorKey, long floor) {
        if (value < floor) {
            problems.got(
                    key.path(),
                    ByteSize.format(value),
                    "at least " + floorKey.path() + " (" + ByteSize.format(floor) + ")");
        }
    }

    private static JsonNode at(ObjectNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        return node;
    }

    private String localHostname() {
        String name = DatadogVariables.hostname(env::get);
        return name == null ? "localhost" : name;
    }
}
