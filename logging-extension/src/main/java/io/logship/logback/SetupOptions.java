package io.logship.logback;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Logship#setup(SetupOptions)} does. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * Logship.setup(SetupOptions.builder()
 *     .level(Level.DEBUG)
 *     .outputs(Output.stderr(), Output.file(Path.of("/var/log/myapp")).json())
 *     .programName("myapp")
 *     .levels("io.netty=warn", "com.acme=debug")
 *     .build());
 * }</pre>
 */
public final class SetupOptions {

    /** Root level when none is given: INFO (daiquiri's WARNING default hid INFO records from newcomers, issue #7). */
    public static final Level DEFAULT_LEVEL = Level.INFO;

    private final Level level;
    private final List<Output> outputs;
    private final String programName;
    private final List<LevelSpec> loggerLevels;
    private final boolean replaceRootAppenders;
    private final boolean logUncaughtExceptions;
    private final boolean bridgeJul;

    private SetupOptions(Builder b) {
        this.level = b.level;
        this.outputs = Collections.unmodifiableList(new ArrayList<>(b.outputs));
        this.programName = b.programName;
        this.loggerLevels = Collections.unmodifiableList(new ArrayList<>(b.loggerLevels));
        this.replaceRootAppenders = b.replaceRootAppenders;
        this.logUncaughtExceptions = b.logUncaughtExceptions;
        this.bridgeJul = b.bridgeJul;
    }

    /** stderr, text, INFO, uncaught-exception logging, JUL bridged, root appenders replaced. */
    public static SetupOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Level level() {
        return level;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** The explicit program name, or {@code null} to derive it. */
    public String programName() {
        return programName;
    }

    List<LevelSpec> loggerLevels() {
        return loggerLevels;
    }

    public boolean replaceRootAppenders() {
        return replaceRootAppenders;
    }

    public boolean logUncaughtExceptions() {
        return logUncaughtExceptions;
    }

    public boolean bridgeJul() {
        return bridgeJul;
    }

    /** Builds {@link SetupOptions}; every method documents its default. Not thread-safe. */
    public static final class Builder {
        private Level level = DEFAULT_LEVEL;
        private final List<Output> outputs = new ArrayList<>(List.of(Output.stderr()));
        private String programName;
        private final List<LevelSpec> loggerLevels = new ArrayList<>();
        private boolean replaceRootAppenders = true;
        private boolean logUncaughtExceptions = true;
        private boolean bridgeJul = true;

        private Builder() {}

        /** The root logger's level; default {@link SetupOptions#DEFAULT_LEVEL}. */
        public Builder level(Level level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * The root level by name, any case ({@code "debug"}, {@code "WARNING"}).
         *
         * @throws IllegalArgumentException naming the value if it is not a level
         */
        public Builder level(String level) {
            Level parsed = level == null ? null : LevelSpec.parseLevel(level);
            if (parsed == null) {
                throw new IllegalArgumentException(
                        "Unknown level '" + level + "' (expected trace, debug, info, warn, error, or off)");
            }
            return level(parsed);
        }

        /** Replaces the outputs; default {@link Output#stderr()} alone. */
        public Builder outputs(Output... outputs) {
            return outputs(List.of(outputs));
        }

        /** Replaces the outputs; an empty list means no logship appender (setup still sets levels etc.). */
        public Builder outputs(List<? extends Output> outputs) {
            this.outputs.clear();
            for (Output output : outputs) {
                this.outputs.add(Objects.requireNonNull(output, "output"));
            }
            return this;
        }

        /** The program name (file names, uncaught-exception logger); default: derived, see {@link Logship}. */
        public Builder programName(String programName) {
            this.programName = programName;
            return this;
        }

        /** Sets {@code logger}'s level; applied after the root level, before {@code LOGSHIP_LEVELS}. */
        public Builder loggerLevel(String logger, Level level) {
            loggerLevels.add(
                    new LevelSpec(Objects.requireNonNull(logger, "logger"), Objects.requireNonNull(level, "level")));
            return this;
        }

        /**
         * Per-logger levels as {@code "io.netty=warn"} entries.
         *
         * @throws IllegalArgumentException naming the first malformed entry
         */
        public Builder levels(String... entries) {
            loggerLevels.addAll(LevelSpec.parseAll(List.of(entries)));
            return this;
        }

        /**
         * Leaves appenders that others attached to the root logger (e.g. from logback.xml) in place; by default setup
         * removes them (daiquiri's behaviour). Appenders from an earlier setup are always replaced.
         */
        public Builder keepExistingAppenders() {
            this.replaceRootAppenders = false;
            return this;
        }

        /** Does not install the uncaught-exception handler (e.g. when an error reporter owns it). */
        public Builder noUncaughtExceptionHandler() {
            this.logUncaughtExceptions = false;
            return this;
        }

        /** Does not bridge java.util.logging into logback. */
        public Builder noJulBridge() {
            this.bridgeJul = false;
            return this;
        }

        public SetupOptions build() {
            return new SetupOptions(this);
        }
    }
}
