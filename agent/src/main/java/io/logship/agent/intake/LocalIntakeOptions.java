package io.logship.agent.intake;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link LocalIntake} is started: where it listens, where it keeps its data, whether it needs an API key,
 * whether it stores or only counts, and how large a request body may be.
 *
 * <p>Immutable; build one with {@link #builder(Path)}. {@link #toString()} never shows the API key.
 *
 * @param host            the address to bind, {@value #DEFAULT_HOST} by default
 * @param port            the TCP port, {@value #DEFAULT_PORT} by default; 0 picks an ephemeral port
 * @param dataDirectory   the directory that holds the database files (created if missing)
 * @param requiredApiKey  when present, every intake request must carry this {@code DD-API-KEY}
 * @param mode            {@link StorageMode#STORE} (the default) or {@link StorageMode#DISCARD}
 * @param maxBodyBytes    the largest uncompressed body accepted, {@value #DEFAULT_MAX_BODY_BYTES} by default
 */
public record LocalIntakeOptions(String host, int port, Path dataDirectory, Optional<String> requiredApiKey,
                                 StorageMode mode, int maxBodyBytes) {

    /** The address the intake binds by default: loopback only, so nothing outside the host can write to it. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port the intake listens on by default (the agent's zero-setup target). */
    public static final int DEFAULT_PORT = 8282;

    /**
     * The largest uncompressed request body accepted, in bytes; one byte more is answered 413. Mirrors the Datadog
     * logs intake's 5 MB payload limit (the Datadog Agent and Vector both use 5,000,000 bytes).
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 5_000_000;

    /** What the intake does with the records it accepts. */
    public enum StorageMode {
        /** Decode, validate, count and store every record on disk (the default). */
        STORE,
        /** Decode, validate and count, but store nothing: for throughput benchmarks. */
        DISCARD
    }

    public LocalIntakeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(requiredApiKey, "requiredApiKey");
        Objects.requireNonNull(mode, "mode");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0: " + maxBodyBytes);
        }
        if (requiredApiKey.isPresent() && requiredApiKey.get().isEmpty()) {
            throw new IllegalArgumentException("requiredApiKey must not be empty when present");
        }
    }

    /** Starts a builder with every default and the given data directory. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** The default data directory: {@code ~/.logship/intake}. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), ".logship", "intake");
    }

    @Override
    public String toString() {
        return "LocalIntakeOptions[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory
                + ", requiredApiKey=" + (requiredApiKey.isPresent() ? "<set>" : "<none>") + ", mode=" + mode
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    /** Builds {@link LocalIntakeOptions}; each setter documents its default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDirectory;
        private Optional<String> requiredApiKey = Optional.empty();
        private StorageMode mode = StorageMode.STORE;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /** The address to bind; default {@value LocalIntakeOptions#DEFAULT_HOST}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; default {@value LocalIntakeOptions#DEFAULT_PORT}, 0 for an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The directory holding the database. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The API key every intake request must carry; default none (no key required). */
        public Builder requiredApiKey(String apiKey) {
            this.requiredApiKey = Optional.ofNullable(apiKey);
            return this;
        }

        /** Store or discard; default {@link StorageMode#STORE}. */
        public Builder mode(StorageMode mode) {
            this.mode = mode;
            return this;
        }

        /** The largest uncompressed body; default {@value LocalIntakeOptions#DEFAULT_MAX_BODY_BYTES} bytes. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public LocalIntakeOptions build() {
            return new LocalIntakeOptions(host, port, dataDirectory, requiredApiKey, mode, maxBodyBytes);
        }
    }
}
