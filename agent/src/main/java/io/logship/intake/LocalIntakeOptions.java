package io.logship.intake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link LocalIntake} is started: where it listens, where it keeps its data, whether it needs an API key,
 * whether it stores or only counts, how large a request body may be, how many body bytes all connections together
 * may hold, and whether the control routes (fault knobs, delete) are on.
 *
 * <p>Immutable; build one with {@link #builder(Path)}. {@link #toString()} never shows the API key.
 *
 * @param host            the address to bind, {@value #DEFAULT_HOST} by default
 * @param port            the TCP port, {@value #DEFAULT_PORT} by default; 0 picks an ephemeral port
 * @param dataDirectory   the directory that holds the database files (created if missing)
 * @param requiredApiKey  when present, every intake request must carry this {@code DD-API-KEY}
 * @param mode            {@link StorageMode#STORE} (the default) or {@link StorageMode#DISCARD}
 * @param maxBodyBytes    the largest uncompressed body accepted, {@value #DEFAULT_MAX_BODY_BYTES} by default
 * @param maxBufferedBodyBytes the request-body bytes all connections together may hold,
 *                        {@value #DEFAULT_MAX_BUFFERED_BODY_BYTES} by default; a request that would pass it is
 *                        answered 503 with {@code Retry-After} and its connection closed
 * @param bodyReadTimeout how long a request body may go without a byte before it is answered 408 and its connection
 *                        closed, {@link #DEFAULT_BODY_READ_TIMEOUT} by default
 * @param maxStoredBytes  the stored records' JSON bytes kept at most ({@link IntakeStore#storedBytes()}),
 *                        {@value #DEFAULT_MAX_STORED_BYTES} by default; above it the oldest records are deleted
 * @param maxAge          how long a record is kept after it arrived, {@link #DEFAULT_MAX_AGE} by default; older
 *                        records are deleted, oldest first
 * @param knobs           whether the control routes ({@code /_knobs/*}, {@code DELETE /api/records}) and
 *                        {@link LocalIntake#knobs()} are on; off by default (the routes then answer 404)
 */
public record LocalIntakeOptions(
        String host,
        int port,
        Path dataDirectory,
        Optional<String> requiredApiKey,
        StorageMode mode,
        int maxBodyBytes,
        long maxBufferedBodyBytes,
        Duration bodyReadTimeout,
        long maxStoredBytes,
        Duration maxAge,
        boolean knobs) {

    /** The address the intake binds by default: loopback only, so nothing outside the host can write to it. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port the intake listens on by default (the agent's zero-setup target). */
    public static final int DEFAULT_PORT = 8282;

    /**
     * The largest uncompressed request body accepted, in bytes; one byte more is answered 413. Mirrors the Datadog
     * logs intake's 5 MB payload limit (the Datadog Agent and Vector both use 5,000,000 bytes).
     */
    public static final int DEFAULT_MAX_BODY_BYTES = 5_000_000;

    /**
     * The request-body bytes all connections together may hold at once (64 MiB): about twelve 5 MB bodies, three
     * times what an agent with the default 4 requests in flight sends at once. It bounds the intake's memory no
     * matter how many clients connect (150 half-sent 5 MB bodies took it from 96 to 920 MiB in issue 11). A request
     * whose declared length (or, for a chunked body, whose next chunk) would pass it is answered 503 with
     * {@code Retry-After: 1} and its connection closed; shippers retry 503.
     */
    public static final long DEFAULT_MAX_BUFFERED_BODY_BYTES = 64L << 20;

    /**
     * How long a request body may stall (no byte received) before the intake answers 408 and closes the connection,
     * so a half-sent body gives its share of {@link #DEFAULT_MAX_BUFFERED_BODY_BYTES} back. A shipper writes a
     * whole body at once; 30 s is far above any loopback or LAN pause.
     */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The stored records' JSON bytes kept at most (1 GiB, as the agent's {@code spool.max_bytes}), so an intake
     * left running (a packaged agent with no API key) does not fill the disk; above it the oldest records are
     * deleted within about {@link LocalIntake#RETENTION_INTERVAL}. The database file is larger than this sum (H2's
     * own overhead), see {@link IntakeStore#storedBytes()}.
     */
    public static final long DEFAULT_MAX_STORED_BYTES = 1L << 30;

    /** How long a record is kept after it arrived (7 days, Datadog's shortest standard log retention). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

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
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        if (maxBufferedBodyBytes < maxCompressedBodyBytes(maxBodyBytes)) {
            throw new IllegalArgumentException("maxBufferedBodyBytes must be >= the largest compressed body ("
                    + maxCompressedBodyBytes(maxBodyBytes) + " for maxBodyBytes " + maxBodyBytes + "): "
                    + maxBufferedBodyBytes);
        }
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("bodyReadTimeout must be > 0: " + bodyReadTimeout);
        }
        if (maxStoredBytes <= 0) {
            throw new IllegalArgumentException("maxStoredBytes must be > 0: " + maxStoredBytes);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be > 0: " + maxAge);
        }
        if (requiredApiKey.isPresent() && requiredApiKey.get().isEmpty()) {
            throw new IllegalArgumentException("requiredApiKey must not be empty when present");
        }
    }

    /** Starts a builder with every default and the given data directory. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * The largest compressed body read for a given uncompressed limit: compressing incompressible data adds a
     * little (zstd and gzip add well under 1% plus a few bytes of framing), so a body just under the limit still
     * arrives; {@link IntakeChannelInitializer#COMPRESSED_SLACK_BYTES} on top.
     */
    static int maxCompressedBodyBytes(int maxBodyBytes) {
        long compressed = (long) maxBodyBytes + maxBodyBytes / 100 + IntakeChannelInitializer.COMPRESSED_SLACK_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, compressed);
    }

    /** The default data directory: {@code ~/.logship/intake}. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), ".logship", "intake");
    }

    @Override
    public String toString() {
        return "LocalIntakeOptions[host=" + host + ", port=" + port + ", dataDirectory=" + dataDirectory
                + ", requiredApiKey=" + (requiredApiKey.isPresent() ? "<set>" : "<none>") + ", mode=" + mode
                + ", maxBodyBytes=" + maxBodyBytes + ", maxBufferedBodyBytes=" + maxBufferedBodyBytes
                + ", bodyReadTimeout=" + bodyReadTimeout + ", maxStoredBytes=" + maxStoredBytes + ", maxAge=" + maxAge
                + ", knobs=" + knobs + "]";
    }

    /** Builds {@link LocalIntakeOptions}; each setter documents its default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDirectory;
        private Optional<String> requiredApiKey = Optional.empty();
        private StorageMode mode = StorageMode.STORE;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long maxBufferedBodyBytes = DEFAULT_MAX_BUFFERED_BODY_BYTES;
        private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
        private long maxStoredBytes = DEFAULT_MAX_STORED_BYTES;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private boolean knobs;

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

        /**
         * The body bytes all connections together may hold; default
         * {@value LocalIntakeOptions#DEFAULT_MAX_BUFFERED_BODY_BYTES}; at least the largest compressed body.
         */
        public Builder maxBufferedBodyBytes(long maxBufferedBodyBytes) {
            this.maxBufferedBodyBytes = maxBufferedBodyBytes;
            return this;
        }

        /**
         * How long a body may stall before 408 and close; default
         * {@link LocalIntakeOptions#DEFAULT_BODY_READ_TIMEOUT}.
         */
        public Builder bodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = bodyReadTimeout;
            return this;
        }

        /**
         * The stored records' JSON bytes kept at most; default {@value LocalIntakeOptions#DEFAULT_MAX_STORED_BYTES};
         * the oldest records go first.
         */
        public Builder maxStoredBytes(long maxStoredBytes) {
            this.maxStoredBytes = maxStoredBytes;
            return this;
        }

        /** How long a record is kept after it arrived; default {@link LocalIntakeOptions#DEFAULT_MAX_AGE}. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Turns the control routes ({@code /_knobs/*}, {@code DELETE /api/records}) and {@link LocalIntake#knobs()}
         * on; default off. Only for tests and demos: anyone who can reach the port can then fail or delay every
         * request, or delete every record.
         */
        public Builder knobs(boolean knobs) {
            this.knobs = knobs;
            return this;
        }

        public LocalIntakeOptions build() {
            return new LocalIntakeOptions(
                    host,
                    port,
                    dataDirectory,
                    requiredApiKey,
                    mode,
                    maxBodyBytes,
                    maxBufferedBodyBytes,
                    bodyReadTimeout,
                    maxStoredBytes,
                    maxAge,
                    knobs);
        }
    }
}
