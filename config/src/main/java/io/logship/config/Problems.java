package io.logship.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what is wrong with a configuration while it is loaded, so every problem is reported at once, each as
 * one line that names where the value came from: {@code agent.yaml: logs[1].port} or
 * {@code environment LOGSHIP_BATCH_MAX_WAIT (batch.max_wait)}.
 */
final class Problems {
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Path of a value that came from the environment → the variable that set it. */
    private final Map<String, String> envOrigins = new HashMap<>();

    private String fileLabel = "";

    /** Prefixes file-sourced problems with {@code <file>: }. */
    void readingFile(Object file) {
        fileLabel = file + ": ";
    }

    /** Records that the value at {@code path} came from {@code variable}. */
    void fromEnvironment(String path, String variable) {
        envOrigins.put(path, variable);
    }

    /** A problem that is not about one key (a missing file, invalid YAML). */
    void add(String problem) {
        problems.add(problem);
    }

    /** A problem in the file as a whole: {@code <file>: <text>}. */
    void inFile(String text) {
        problems.add(fileLabel + text);
    }

    /** {@code <origin of path>: <text>}. */
    void at(String path, String text) {
        problems.add(origin(path) + ": " + text);
    }

    /** {@code <origin of path>: got <value>, expected <expected>}. */
    void got(String path, String value, String expected) {
        at(path, "got " + value + ", expected " + expected);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    int count() {
        return problems.size();
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private String origin(String path) {
        String variable = envOrigins.get(path);
        return variable != null ? "environment " + variable + " (" + path + ")" : fileLabel + path;
    }

    /** How a value shows in an error: quoted text, a bare number, "a list", "a mapping"; never a secret. */
    static String describe(JsonNode node, boolean secret) {
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (secret) {
            return Secret.REDACTED;
        }
        if (node.isTextual()) {
            return "\"" + Redacted.text(node.asText()) + "\""; // a URL may carry a key
        }
        return node.asText();
    }
}
