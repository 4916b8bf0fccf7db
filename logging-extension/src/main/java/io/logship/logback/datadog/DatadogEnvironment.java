package io.logship.logback.datadog;

import io.logship.schema.DatadogVariables;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Resolves the Datadog output's settings from an explicit option, then the standard environment variable, then the
 * default. An option that is set (not null, not blank) always wins.
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>setting</th><th>variable</th><th>default</th></tr>
 *   <tr><td>agent host</td><td>{@value #ENV_AGENT_HOST}</td><td>{@value #DEFAULT_HOST}</td></tr>
 *   <tr><td>agent port</td><td>{@value #ENV_PORT}</td><td>{@value #DEFAULT_PORT}</td></tr>
 *   <tr><td>service</td><td>{@value #ENV_SERVICE}</td><td>none (field left out)</td></tr>
 *   <tr><td>env tag</td><td>{@value #ENV_ENV}</td><td>none</td></tr>
 *   <tr><td>version tag</td><td>{@value #ENV_VERSION}</td><td>none</td></tr>
 *   <tr><td>tags</td><td>{@value #ENV_TAGS} (space or comma separated)</td><td>none</td></tr>
 *   <tr><td>host field</td><td>{@value #ENV_HOSTNAME}</td><td>the machine's host name, else {@code HOSTNAME}</td></tr>
 * </table>
 *
 * <p>Stateless apart from the variable lookup it is given; thread-safe.
 */
public final class DatadogEnvironment {

    /** Agent host variable (the one Datadog's tracers read too). */
    public static final String ENV_AGENT_HOST = "DD_AGENT_HOST";
    /** Agent log-port variable (logship's own: Datadog has no standard one for a TCP log source). */
    public static final String ENV_PORT = "LOGSHIP_DATADOG_PORT";
    /** Service variable (Datadog unified service tagging). */
    public static final String ENV_SERVICE = "DD_SERVICE";
    /** Environment variable, sent as the tag {@code env:<value>}. */
    public static final String ENV_ENV = "DD_ENV";
    /** Version variable, sent as the tag {@code version:<value>}. */
    public static final String ENV_VERSION = "DD_VERSION";
    /** Extra tags variable. */
    public static final String ENV_TAGS = DatadogVariables.TAGS;
    /** Host name variable (as read by the Datadog Agent). */
    public static final String ENV_HOSTNAME = DatadogVariables.HOSTNAME;

    /** Default agent host: {@value}. A local agent, as in daiquiri. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default agent port: {@value}. The port of Datadog's documented custom TCP log source, as in daiquiri. */
    public static final int DEFAULT_PORT = 10518;
    /** Default {@code ddsource}: {@value}. */
    public static final String DEFAULT_SOURCE = "java";

    private final UnaryOperator<String> env;

    /** Reads the process environment. */
    public DatadogEnvironment() {
        this(System::getenv);
    }

    /** Reads variables through {@code env} (tests pass a map lookup). */
    public DatadogEnvironment(UnaryOperator<String> env) {
        this.env = env;
    }

    /** The agent host: the option, else {@value #ENV_AGENT_HOST}, else {@value #DEFAULT_HOST}. */
    public String agentHost(String option) {
        return first(option, env.apply(ENV_AGENT_HOST), DEFAULT_HOST);
    }

    /**
     * The agent port: the option if > 0, else {@value #ENV_PORT}, else {@value #DEFAULT_PORT}.
     *
     * @throws IllegalArgumentException if the variable is not a port number, naming the variable and its value
     */
    public int agentPort(int option) {
        if (option > 0) {
            return option;
        }
        String text = blankToNull(env.apply(ENV_PORT));
        if (text == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name and value
        }
        throw new IllegalArgumentException(ENV_PORT + " must be a port number in [1, 65535]: '" + text + "'");
    }

    /** The service: the option, else {@value #ENV_SERVICE}, else null. */
    public String service(String option) {
        return first(option, env.apply(ENV_SERVICE), null);
    }

    /**
     * The {@code host} field: the option, else as {@link DatadogVariables#hostname} ({@value #ENV_HOSTNAME}, else the
     * machine's name, else {@code HOSTNAME}); null when no name is known (the field is left out, not invented).
     */
    public String hostname(String option) {
        return first(option, DatadogVariables.hostname(env), null);
    }

    /** The {@code ddsource}: the option, else {@value #DEFAULT_SOURCE}. */
    public String source(String option) {
        return first(option, null, DEFAULT_SOURCE);
    }

    /**
     * The {@code ddtags} value: the tags (option, else {@value #ENV_TAGS}; space or comma separated), then
     * {@code env:<env>} and {@code version:<version>} (option, else {@value #ENV_ENV}/{@value #ENV_VERSION}),
     * comma-joined without duplicates; null when there is none.
     */
    public String tags(String tagsOption, String envOption, String versionOption) {
        Set<String> tags = new LinkedHashSet<>();
        tags.addAll(DatadogVariables.splitTags(first(tagsOption, env.apply(ENV_TAGS), null)));
        String environment = first(envOption, env.apply(ENV_ENV), null);
        if (environment != null) {
            tags.add("env:" + environment);
        }
        String version = first(versionOption, env.apply(ENV_VERSION), null);
        if (version != null) {
            tags.add("version:" + version);
        }
        return tags.isEmpty() ? null : String.join(",", tags);
    }

    private static String first(String option, String variable, String fallback) {
        String o = blankToNull(option);
        if (o != null) {
            return o;
        }
        String v = blankToNull(variable);
        return v != null ? v : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
