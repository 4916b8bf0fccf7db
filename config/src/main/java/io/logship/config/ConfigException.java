package io.logship.config;

import java.util.List;

/**
 * The configuration cannot be used. Each problem is one line naming the key's path ({@code logs[1].port}), the
 * value found and what was expected; {@link #getMessage()} joins them with newlines.
 *
 * <p>It carries no stack trace: it is a message for an operator, not a bug report.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, in the order they were found. */
    public List<String> problems() {
        return problems;
    }
}
