package io.logship.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.logship.schema.DatadogVariables;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration key: its path, its kind, its default, its legal range, its documentation, and how to read
 * its value back from a built configuration (for {@code --print-config}).
 *
 * <p>Conversion accepts the YAML type and, because environment variables are text, the same value as a string
 * ({@code port: "10518"} is fine). A value outside the key's range, or of another shape, is an
 * {@link IllegalArgumentException} whose message is what was expected.
 *
 * @param <R> the record the key's value is read back from: {@link LogshipConfig} or {@link LogSource}
 */
public final class ConfigKey<R> {
    /** The shape of a key's value. */
    public enum Kind {
        STRING,
        SECRET,
        TAGS,
        INTEGER,
        PORT,
        SIZE,
        DURATION,
        NUMBER,
        BOOLEAN,
        URL,
        PATH,
        ENUM,
        /** A TLS protocol version: {@code TLSv1.2}. */
        TLS_VERSION,
        /** A list of address ranges in CIDR notation, or a string of them separated by commas. */
        CIDRS
    }

    private final String path;
    private final Kind kind;
    private final Object defaultValue;
    private final String defaultText;
    private final double min;
    private final double max;
    private final Class<? extends Enum<?>> enumType;
    private final String doc;
    private final Function<R, Object> getter;

    private ConfigKey(
            String path,
            Kind kind,
            Object defaultValue,
            String defaultText,
            double min,
            double max,
            Class<? extends Enum<?>> enumType,
            String doc,
            Function<R, Object> getter) {
        this.path = path;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.min = kind == Kind.PORT ? 0 : min;
        this.max = kind == Kind.PORT ? 65_535 : max;
        this.enumType = enumType;
        this.doc = doc;
        this.getter = getter;
    }

    static <R> ConfigKey<R> of(String path, Kind kind, Object defaultValue, String doc, Function<R, Object> getter) {
        return new ConfigKey<>(path, kind, defaultValue, null, 0, 0, null, doc, getter);
    }

    static <R> ConfigKey<R> computed(
            String path, Kind kind, String defaultText, String doc, Function<R, Object> getter) {
        return new ConfigKey<>(path, kind, null, defaultText, 0, 0, null, doc, getter);
    }

    static <R> ConfigKey<R> ranged(
            String path,
            Kind kind,
            Object defaultValue,
            double min,
            double max,
            String doc,
            Function<R, Object> getter) {
        return new ConfigKey<>(path, kind, defaultValue, null, min, max, null, doc, getter);
    }

    static <R, E extends Enum<E>> ConfigKey<R> choice(
            String path, Class<E> type, E defaultValue, String doc, Function<R, Object> getter) {
        return new ConfigKey<>(path, Kind.ENUM, defaultValue, null, 0, 0, type, doc, getter);
    }

    /** The dotted path, {@code batch.max_wait}; keys of a {@code logs:} entry are relative, {@code port}. */
    public String path() {
        return path;
    }

    /** The last segment of the path, the YAML key itself. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path without its last segment; empty at the top level. */
    public String section() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    public Kind kind() {
        return kind;
    }

    /** The default value, or null when the key is unset by default or its default is computed at start. */
    public Object defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The default as an operator writes it in YAML: {@code 5s}, {@code 64MiB}, {@code zstd}. */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null) {
            return "(unset)";
        }
        String text = render(defaultValue);
        return text.isEmpty() ? "(none)" : text;
    }

    /** What a value of this key must look like, as the end of an error message. */
    public String expected() {
        return switch (kind) {
            case STRING -> "a non-empty string";
            case SECRET -> "a string";
            case TAGS -> "a list of tags, or a string of tags separated by commas";
            case INTEGER -> "an integer from " + (long) min + " to " + (long) max;
            case PORT -> "a port number from 0 to 65535 (0 picks a free port)";
            case SIZE ->
                ByteSize.EXPECTED + ", from " + ByteSize.format((long) min) + " to " + ByteSize.format((long) max);
            case DURATION ->
                HumanDuration.EXPECTED + ", from " + HumanDuration.format(Duration.ofMillis((long) min)) + " to "
                        + HumanDuration.format(Duration.ofMillis((long) max));
            case NUMBER -> "a number from " + min + " to " + max;
            case BOOLEAN -> "true or false";
            case URL -> "an absolute http:// or https:// URL";
            case PATH -> "a file system path";
            case TLS_VERSION -> TlsVersion.EXPECTED;
            case CIDRS -> "a list of IPv4 or IPv6 address ranges in CIDR notation (10.0.0.0/8, ::1/128)";
            case ENUM ->
                "one of "
                        + Arrays.stream(enumType.getEnumConstants())
                                .map(ConfigKey::yamlName)
                                .collect(Collectors.joining(", "));
        };
    }

    /** The value of {@code node}, converted and range-checked; {@link IllegalArgumentException} otherwise. */
    Object convert(JsonNode node) {
        if (kind == Kind.TAGS) {
            return tags(node);
        }
        if (kind == Kind.CIDRS) {
            return cidrs(node);
        }
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(expected());
        }
        String text = node.asText().strip();
        try {
            return switch (kind) {
                case STRING -> nonEmpty(text);
                case SECRET -> Secret.of(text);
                case INTEGER, PORT -> inRange(Long.parseLong(text));
                case SIZE -> inRange(ByteSize.parse(text));
                case DURATION -> {
                    Duration d = HumanDuration.parse(text);
                    inRange(d.toMillis());
                    yield d;
                }
                case NUMBER -> inRange(Double.parseDouble(text));
                case BOOLEAN -> bool(text);
                case URL -> url(text);
                case PATH -> Path.of(nonEmpty(text));
                case ENUM -> constant(text);
                case TLS_VERSION -> TlsVersion.parse(text);
                case TAGS, CIDRS -> throw new AssertionError("handled above");
            };
        } catch (NumberFormatException | InvalidPathException e) {
            throw new IllegalArgumentException(expected(), e);
        }
    }

    /** The value this key has in {@code record}, rendered as YAML text; empty when unset. */
    Optional<String> renderFrom(R record) {
        Object value = getter.apply(record);
        if (value instanceof Optional<?> o) {
            value = o.orElse(null);
        }
        if (value instanceof Secret s && !s.isPresent()) {
            value = null;
        }
        return value == null ? Optional.empty() : Optional.of(render(value));
    }

    private String render(Object value) {
        if (value instanceof Secret s) {
            return s.toString();
        }
        if (value instanceof URI u) {
            return Redacted.url(u); // user-info and key-like parameters are secrets too
        }
        if (value instanceof Duration d) {
            return HumanDuration.format(d);
        }
        if (value instanceof TlsVersion v) {
            return v.protocol();
        }
        if (value instanceof Enum<?> e) {
            return yamlName(e);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (kind == Kind.SIZE) {
            return ByteSize.format(((Number) value).longValue());
        }
        return String.valueOf(value);
    }

    static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private Object constant(String text) {
        String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Enum<?> e : enumType.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException(expected());
    }

    private String nonEmpty(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(expected());
        }
        return text;
    }

    private long inRange(long value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(expected());
        }
        return value;
    }

    private double inRange(double value) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(expected());
        }
        return value;
    }

    private boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(expected());
        };
    }

    private URI url(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(expected());
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected(), e);
        }
    }

    /**
     * The ranges of {@code node}; a bad one is an {@link IllegalArgumentException} whose message quotes it and says
     * why, after what was expected.
     */
    private List<Cidr> cidrs(JsonNode node) {
        List<Cidr> ranges = new ArrayList<>();
        for (String text : tags(node)) {
            try {
                ranges.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(expected() + "; \"" + text + "\": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ranges);
    }

    private List<String> tags(JsonNode node) {
        List<String> raw = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException(expected());
                }
                raw.add(item.asText());
            }
        } else if (node.isValueNode() && !node.isNull()) {
            raw.addAll(DatadogVariables.splitTags(node.asText()));
        } else {
            throw new IllegalArgumentException(expected());
        }
        List<String> tags = new ArrayList<>();
        for (String tag : raw) {
            String t = tag.strip();
            if (t.contains(",")) {
                throw new IllegalArgumentException(expected());
            }
            if (!t.isEmpty()) {
                tags.add(t);
            }
        }
        return List.copyOf(tags);
    }
}
