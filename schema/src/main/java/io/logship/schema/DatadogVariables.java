package io.logship.schema;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Datadog Agent's host and tag variables, read the same way by the agent's configuration and the logback
 * extension: {@value #TAGS} and {@value #HOSTNAME}. Stateless; thread-safe.
 */
public final class DatadogVariables {

    /** Tags added to every record: {@code key:value} words separated by spaces (Datadog) or commas (its YAML). */
    public static final String TAGS = "DD_TAGS";
    /** The host name given to records, as the Datadog Agent reads it. */
    public static final String HOSTNAME = "DD_HOSTNAME";
    /** The shell's host name, used when {@value #HOSTNAME} is unset and the machine's name is unknown. */
    public static final String SHELL_HOSTNAME = "HOSTNAME";

    private DatadogVariables() {}

    /**
     * The tags of a {@value #TAGS} value: split on spaces and commas (both accepted, as the Datadog Agent does),
     * stripped, empty ones dropped, in order; an empty list for null.
     */
    public static List<String> splitTags(String text) {
        List<String> tags = new ArrayList<>();
        if (text == null) {
            return tags;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean separator = i == text.length() || text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i));
            if (separator && start >= 0) {
                tags.add(text.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return tags;
    }

    /**
     * The host name of this machine when none is configured: {@value #HOSTNAME}, else the machine's name, else
     * {@value #SHELL_HOSTNAME} (containers often have no resolvable name); null when none is known.
     *
     * @param env the variable lookup ({@code System::getenv}; tests pass a map's)
     */
    public static String hostname(UnaryOperator<String> env) {
        String configured = blankToNull(env.apply(HOSTNAME));
        if (configured != null) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return blankToNull(env.apply(SHELL_HOSTNAME));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
