package io.logship.config;

import java.util.List;

/** The README's configuration reference table, generated from {@link ConfigKeys} so the two cannot drift. */
public final class ConfigReference {
    private ConfigReference() {}

    /** A Markdown table: key, default, environment variable, meaning. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder();
        out.append("| key | default | environment | meaning |\n");
        out.append("|---|---|---|---|\n");
        for (ConfigKey<LogshipConfig> key : ConfigKeys.GLOBAL) {
            row(out, key.path(), key, "`" + EnvironmentOverlay.envName(key) + "`");
        }
        List<ConfigKey<LogSource>> source = ConfigKeys.SOURCE;
        for (ConfigKey<LogSource> key : source) {
            row(out, ConfigKeys.LOGS + "[].", key, "`" + EnvironmentOverlay.sourceEnvName(key) + "`");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String prefix, ConfigKey<?> key, String env) {
        String path = prefix.endsWith(".") ? prefix + key.path() : prefix;
        String defaultText = key.defaultText();
        String shown = defaultText.startsWith("(") ? defaultText : "`" + defaultText + "`";
        out.append("| `")
                .append(path)
                .append("` | ")
                .append(shown)
                .append(" | ")
                .append(env)
                .append(" | ")
                .append(key.doc())
                .append(" |\n");
    }
}
