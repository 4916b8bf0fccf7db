package io.logship.config;

import static io.logship.config.ConfigKey.Kind.BOOLEAN;
import static io.logship.config.ConfigKey.Kind.CIDRS;
import static io.logship.config.ConfigKey.Kind.DURATION;
import static io.logship.config.ConfigKey.Kind.INTEGER;
import static io.logship.config.ConfigKey.Kind.NUMBER;
import static io.logship.config.ConfigKey.Kind.PATH;
import static io.logship.config.ConfigKey.Kind.PORT;
import static io.logship.config.ConfigKey.Kind.SECRET;
import static io.logship.config.ConfigKey.Kind.SIZE;
import static io.logship.config.ConfigKey.Kind.STRING;
import static io.logship.config.ConfigKey.Kind.TAGS;
import static io.logship.config.ConfigKey.Kind.TLS_VERSION;
import static io.logship.config.ConfigKey.Kind.URL;

import io.logship.schema.DatadogVariables;
import java.util.List;
import java.util.function.Function;

/**
 * Every configuration key, its default and its meaning, in one place. The README's reference table is generated
 * from this list ({@link ConfigReference}) and a test fails when the two disagree.
 */
public final class ConfigKeys {
    private static final long MS_PER_HOUR = 3_600_000L;

    public static final ConfigKey<LogshipConfig> API_KEY = ConfigKey.of(
            "api_key",
            SECRET,
            null,
            "Intake API key, sent as `DD-API-KEY`; never printed. Env: `DD_API_KEY`.",
            LogshipConfig::apiKey);
    public static final ConfigKey<LogshipConfig> SITE = ConfigKey.of(
            "site",
            STRING,
            LogshipConfig.DEFAULT_SITE,
            "Datadog site; with an API key and no `intake.url`, records go to `https://http-intake.logs.<site>/api/v2/logs`. Env: `DD_SITE`.",
            LogshipConfig::site);
    public static final ConfigKey<LogshipConfig> HOSTNAME = ConfigKey.computed(
            "hostname",
            STRING,
            "(this machine's name)",
            "`hostname` given to records that carry none. Env: `DD_HOSTNAME`.",
            LogshipConfig::hostname);
    public static final ConfigKey<LogshipConfig> TAGS_KEY = ConfigKey.of(
            "tags",
            TAGS,
            List.of(),
            "Tags added to every record's `ddtags`, after the source's tags. Env: `DD_TAGS`.",
            LogshipConfig::tags);
    public static final ConfigKey<LogshipConfig> STOP_GRACE_PERIOD = ConfigKey.ranged(
            "stop_grace_period",
            DURATION,
            LogshipConfig.DEFAULT_STOP_GRACE_PERIOD,
            0,
            MS_PER_HOUR,
            "On SIGTERM, how long in-flight sends may finish before what is left is spooled or reported lost.",
            LogshipConfig::stopGracePeriod);
    public static final ConfigKey<LogshipConfig> REQUIRE_DESTINATION = ConfigKey.of(
            "require_destination",
            BOOLEAN,
            false,
            "`true`: refuse to start (exit 2) unless `api_key`, `intake.url` or `local_intake.enabled: true` is set. The packaged `agent.yaml` (tarball, .deb, image) sets it.",
            LogshipConfig::requireDestination);

    public static final ConfigKey<LogshipConfig> INTAKE_URL = ConfigKey.computed(
            "intake.url",
            URL,
            "(from `api_key` and `site`, else the local intake)",
            "Where batches are posted. Unset with no API key: the embedded local intake.",
            c -> c.intake().url());
    public static final ConfigKey<LogshipConfig> INTAKE_COMPRESSION = ConfigKey.choice(
            "intake.compression",
            Compression.class,
            Intake.DEFAULT_COMPRESSION,
            "Body compression: `zstd`, `gzip`, `deflate` or `none`.",
            c -> c.intake().compression());
    public static final ConfigKey<LogshipConfig> INTAKE_COMPRESSION_LEVEL = ConfigKey.computed(
            "intake.compression_level",
            INTEGER,
            "(zstd 1, gzip and deflate 6)",
            "Compression level: zstd 1-22, gzip and deflate 1-9.",
            c -> c.intake().compressionLevel());
    public static final ConfigKey<LogshipConfig> INTAKE_MAX_IN_FLIGHT = ConfigKey.ranged(
            "intake.max_in_flight",
            INTEGER,
            Intake.DEFAULT_MAX_IN_FLIGHT,
            1,
            Intake.MAX_IN_FLIGHT_LIMIT,
            "Requests in flight at once.",
            c -> c.intake().maxInFlight());
    public static final ConfigKey<LogshipConfig> INTAKE_TIMEOUT = ConfigKey.ranged(
            "intake.timeout",
            DURATION,
            Intake.DEFAULT_TIMEOUT,
            1,
            10 * 60_000L,
            "Deadline of one request, connect to last response byte.",
            c -> c.intake().timeout());

    public static final ConfigKey<LogshipConfig> BATCH_MAX_RECORDS = ConfigKey.ranged(
            "batch.max_records",
            INTEGER,
            BatchLimits.DEFAULT_MAX_RECORDS,
            1,
            BatchLimits.DEFAULT_MAX_RECORDS,
            "Records per request (intake limit: 1000).",
            c -> c.batch().maxRecords());
    public static final ConfigKey<LogshipConfig> BATCH_MAX_BYTES = ConfigKey.ranged(
            "batch.max_bytes",
            SIZE,
            BatchLimits.DEFAULT_MAX_BYTES,
            1_000,
            BatchLimits.DEFAULT_MAX_BYTES,
            "Uncompressed JSON-array bytes per request (intake limit: 5MB); a bigger single record is split into `...TRUNCATED...` chunks that fit.",
            c -> c.batch().maxBytes());
    public static final ConfigKey<LogshipConfig> BATCH_MAX_WAIT = ConfigKey.ranged(
            "batch.max_wait",
            DURATION,
            BatchLimits.DEFAULT_MAX_WAIT,
            1,
            10 * 60_000L,
            "How long a batch waits for more records before it is sent.",
            c -> c.batch().maxWait());

    public static final ConfigKey<LogshipConfig> RETRY_BASE = ConfigKey.ranged(
            "retry.base",
            DURATION,
            Retry.DEFAULT_BASE,
            1,
            MS_PER_HOUR,
            "First backoff after a failed send (full jitter); while the intake fails, one sender probes it at most every 1 s and the others wait for its answer.",
            c -> c.retry().base());
    public static final ConfigKey<LogshipConfig> RETRY_FACTOR = ConfigKey.ranged(
            "retry.factor",
            NUMBER,
            Retry.DEFAULT_FACTOR,
            1,
            10,
            "Backoff growth per failed attempt.",
            c -> c.retry().factor());
    public static final ConfigKey<LogshipConfig> RETRY_MAX = ConfigKey.ranged(
            "retry.max",
            DURATION,
            Retry.DEFAULT_MAX,
            1,
            MS_PER_HOUR,
            "Longest backoff, also the cap on a `Retry-After`, and how long the intake may refuse or be unreachable before `/ready` answers 503. Retries never stop.",
            c -> c.retry().max());

    public static final ConfigKey<LogshipConfig> BUFFER_MAX_BYTES = ConfigKey.ranged(
            "buffer.max_bytes",
            SIZE,
            Buffer.DEFAULT_MAX_BYTES,
            1L << 20,
            16L << 30,
            "Bytes of records held in memory; at least `batch.max_bytes`.",
            c -> c.buffer().maxBytes());
    public static final ConfigKey<LogshipConfig> BUFFER_WHEN_FULL = ConfigKey.choice(
            "buffer.when_full",
            WhenFull.class,
            Buffer.DEFAULT_WHEN_FULL,
            "`block`: stop reading TCP clients until there is room. `drop_newest`: drop and count. UDP always drops and counts.",
            c -> c.buffer().whenFull());

    public static final ConfigKey<LogshipConfig> SPOOL_PATH = ConfigKey.computed(
            "spool.path",
            PATH,
            "(unset: no spool)",
            "Directory of the disk spool; batches stay there until the intake accepts them.",
            c -> c.spool().path());
    public static final ConfigKey<LogshipConfig> SPOOL_MAX_BYTES = ConfigKey.ranged(
            "spool.max_bytes",
            SIZE,
            Spool.DEFAULT_MAX_BYTES,
            1L << 20,
            1L << 40,
            "Bytes on disk at most; when full, inputs apply backpressure.",
            c -> c.spool().maxBytes());
    public static final ConfigKey<LogshipConfig> SPOOL_FSYNC = ConfigKey.choice(
            "spool.fsync",
            FsyncPolicy.class,
            Spool.DEFAULT_FSYNC,
            "`every_batch` or `interval`.",
            c -> c.spool().fsync());
    public static final ConfigKey<LogshipConfig> SPOOL_FSYNC_INTERVAL = ConfigKey.ranged(
            "spool.fsync_interval",
            DURATION,
            Spool.DEFAULT_FSYNC_INTERVAL,
            1,
            60_000L,
            "Interval of `fsync: interval`.",
            c -> c.spool().fsyncInterval());

    public static final ConfigKey<LogshipConfig> METRICS_ENABLED = ConfigKey.of(
            "metrics.enabled",
            BOOLEAN,
            true,
            "Serve `/metrics` (Prometheus), `/health` and `/ready`.",
            c -> c.metrics().enabled());
    public static final ConfigKey<LogshipConfig> METRICS_BIND = ConfigKey.of(
            "metrics.bind",
            STRING,
            Metrics.DEFAULT_BIND,
            "Address of the metrics endpoint.",
            c -> c.metrics().bind());
    public static final ConfigKey<LogshipConfig> METRICS_PORT = ConfigKey.of(
            "metrics.port",
            PORT,
            Metrics.DEFAULT_PORT,
            "Port of the metrics endpoint.",
            c -> c.metrics().port());

    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_ENABLED = ConfigKey.of(
            "local_intake.enabled",
            BOOLEAN,
            false,
            "`true`: the embedded local intake is the wanted destination, even with `require_destination` (an API key or `intake.url` still wins). Without `require_destination` it is used whenever no destination is set.",
            c -> c.localIntake().enabled());
    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_BIND = ConfigKey.of(
            "local_intake.bind",
            STRING,
            LocalIntakeConfig.DEFAULT_BIND,
            "Address of the embedded local intake.",
            c -> c.localIntake().bind());
    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_PORT = ConfigKey.of(
            "local_intake.port",
            PORT,
            LocalIntakeConfig.DEFAULT_PORT,
            "Port of the embedded local intake.",
            c -> c.localIntake().port());
    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_PATH = ConfigKey.of(
            "local_intake.path",
            PATH,
            LocalIntakeConfig.DEFAULT_PATH,
            "Directory of the local intake's store (relative to the working directory).",
            c -> c.localIntake().path());
    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_MAX_BYTES = ConfigKey.ranged(
            "local_intake.max_bytes",
            SIZE,
            LocalIntakeConfig.DEFAULT_MAX_BYTES,
            1L << 20,
            1L << 40,
            "Stored records kept at most, counted as the sum of their JSON bytes (the database file is larger); above it the oldest are deleted.",
            c -> c.localIntake().maxBytes());
    public static final ConfigKey<LogshipConfig> LOCAL_INTAKE_MAX_AGE = ConfigKey.ranged(
            "local_intake.max_age",
            DURATION,
            LocalIntakeConfig.DEFAULT_MAX_AGE,
            1_000L,
            3_650L * 86_400_000L,
            "How long the local intake keeps a record after it arrived; older ones are deleted, oldest first.",
            c -> c.localIntake().maxAge());

    public static final ConfigKey<LogSource> SOURCE_TYPE = ConfigKey.choice(
            "type",
            SourceType.class,
            LogSource.DEFAULT_TYPE,
            "`tcp`, `udp` or `file`; it decides which other keys the entry takes.",
            LogSource::type);
    public static final ConfigKey<LogSource> SOURCE_BIND = ConfigKey.of(
            "bind", STRING, SocketSource.DEFAULT_BIND, "TCP, UDP: address to listen on.", socket(SocketSource::bind));
    public static final ConfigKey<LogSource> SOURCE_PORT = ConfigKey.of(
            "port", PORT, SocketSource.DEFAULT_PORT, "TCP, UDP: port to listen on.", socket(SocketSource::port));
    public static final ConfigKey<LogSource> SOURCE_SERVICE =
            ConfigKey.of("service", STRING, null, "`service` given to records that carry none.", LogSource::service);
    public static final ConfigKey<LogSource> SOURCE_SOURCE =
            ConfigKey.of("source", STRING, null, "`ddsource` given to records that carry none.", LogSource::source);
    public static final ConfigKey<LogSource> SOURCE_TAGS = ConfigKey.of(
            "tags",
            TAGS,
            List.of(),
            "Tags added to the source's records (list or comma-separated string).",
            LogSource::tags);
    public static final ConfigKey<LogSource> SOURCE_MAX_MESSAGE_BYTES = ConfigKey.ranged(
            "max_message_bytes",
            SIZE,
            LogSource.DEFAULT_MAX_MESSAGE_BYTES,
            64,
            4_000_000,
            "Longer lines are split into chunks marked `...TRUNCATED...`, never dropped.",
            LogSource::maxMessageBytes);
    public static final ConfigKey<LogSource> SOURCE_MAX_CONNECTIONS = ConfigKey.ranged(
            "max_connections",
            INTEGER,
            SocketSource.DEFAULT_MAX_CONNECTIONS,
            1,
            1_000_000,
            "TCP: open connections at most; a new one over the cap is closed at once and counted.",
            socket(SocketSource::maxConnections));
    public static final ConfigKey<LogSource> SOURCE_IDLE_TIMEOUT = ConfigKey.ranged(
            "idle_timeout",
            DURATION,
            SocketSource.DEFAULT_IDLE_TIMEOUT,
            0,
            7 * 24 * MS_PER_HOUR,
            "TCP: a connection that sends nothing this long is closed and counted (not while backpressured); `0`: never.",
            socket(SocketSource::idleTimeout));
    public static final ConfigKey<LogSource> SOURCE_RECEIVE_BUFFER_BYTES = ConfigKey.ranged(
            "receive_buffer_bytes",
            SIZE,
            SocketSource.DEFAULT_RECEIVE_BUFFER_BYTES,
            1024,
            1L << 30,
            "UDP: socket receive buffer asked of the kernel (capped by `net.core.rmem_max`); what overflows it is counted as `udp_kernel_drops`.",
            socket(SocketSource::receiveBufferBytes));
    public static final ConfigKey<LogSource> SOURCE_TLS_CERT_FILE = ConfigKey.computed(
            "tls.cert_file",
            PATH,
            "(unset: plain TCP)",
            "TCP: PEM certificate chain, leaf first; set with `key_file` to speak TLS only (plain-text clients are closed and counted). Re-read when it changes.",
            socket(s -> s.tls().map(Tls::certFile)));
    public static final ConfigKey<LogSource> SOURCE_TLS_KEY_FILE = ConfigKey.computed(
            "tls.key_file",
            PATH,
            "(required with `cert_file`)",
            "TCP: PEM private key of the certificate, PKCS#8 or PKCS#1 (RSA), unencrypted. Re-read when it changes.",
            socket(s -> s.tls().map(Tls::keyFile)));
    public static final ConfigKey<LogSource> SOURCE_TLS_CLIENT_CA_FILE = ConfigKey.computed(
            "tls.client_ca_file",
            PATH,
            "(unset: no client certificate asked)",
            "TCP: PEM CA certificates; set, every client must present a valid certificate they issued (mutual TLS), others are refused and counted. Re-read when it changes.",
            socket(s -> s.tls().flatMap(Tls::clientCaFile)));
    public static final ConfigKey<LogSource> SOURCE_TLS_MIN_VERSION = ConfigKey.of(
            "tls.min_version",
            TLS_VERSION,
            Tls.DEFAULT_MIN_VERSION,
            "TCP: oldest TLS version accepted, `TLSv1.2` or `TLSv1.3`; older clients are refused and counted.",
            socket(s -> s.tls().map(Tls::minVersion)));
    public static final ConfigKey<LogSource> SOURCE_ALLOW = ConfigKey.of(
            "allow",
            CIDRS,
            List.of(),
            "TCP, UDP: client addresses accepted, IPv4 and IPv6 CIDR ranges (`[10.0.0.0/8, ::1/128]`); empty: every address. TCP connections from others are closed at accept, before any read; UDP datagrams from others are dropped; both counted.",
            socket(SocketSource::allow));
    public static final ConfigKey<LogSource> SOURCE_PATH = ConfigKey.computed(
            "path",
            STRING,
            "(required)",
            "file: a glob of the files to tail (`/var/log/app/*.log`; `*` stays within a directory, `**` crosses them).",
            file(FileSource::path));
    public static final ConfigKey<LogSource> SOURCE_EXCLUDE_PATHS = ConfigKey.of(
            "exclude_paths",
            TAGS,
            List.of(),
            "file: globs of files never read, even when `path` matches them.",
            file(FileSource::excludePaths));
    public static final ConfigKey<LogSource> SOURCE_START_POSITION = ConfigKey.choice(
            "start_position",
            StartPosition.class,
            FileSource.DEFAULT_START_POSITION,
            "file: `end` or `beginning`: where a file present at start, with no checkpoint, is read from; a file that appears later is read from its beginning.",
            file(FileSource::startPosition));
    public static final ConfigKey<LogSource> SOURCE_MULTI_LINE_START = ConfigKey.of(
            "multi_line_start",
            STRING,
            null,
            "file: a regular expression; a line that does not match it joins the record before it (stack traces).",
            file(FileSource::multiLineStart));
    public static final ConfigKey<LogSource> SOURCE_MAX_OPEN_FILES = ConfigKey.ranged(
            "max_open_files",
            INTEGER,
            FileSource.DEFAULT_MAX_OPEN_FILES,
            1,
            100_000,
            "file: files open at once at most; more matches wait until one is done.",
            file(FileSource::maxOpenFiles));

    /** The top-level and section keys, in the order they are documented and printed. */
    public static final List<ConfigKey<LogshipConfig>> GLOBAL = List.of(
            API_KEY,
            SITE,
            HOSTNAME,
            TAGS_KEY,
            STOP_GRACE_PERIOD,
            REQUIRE_DESTINATION,
            INTAKE_URL,
            INTAKE_COMPRESSION,
            INTAKE_COMPRESSION_LEVEL,
            INTAKE_MAX_IN_FLIGHT,
            INTAKE_TIMEOUT,
            BATCH_MAX_RECORDS,
            BATCH_MAX_BYTES,
            BATCH_MAX_WAIT,
            RETRY_BASE,
            RETRY_FACTOR,
            RETRY_MAX,
            BUFFER_MAX_BYTES,
            BUFFER_WHEN_FULL,
            SPOOL_PATH,
            SPOOL_MAX_BYTES,
            SPOOL_FSYNC,
            SPOOL_FSYNC_INTERVAL,
            METRICS_ENABLED,
            METRICS_BIND,
            METRICS_PORT,
            LOCAL_INTAKE_ENABLED,
            LOCAL_INTAKE_BIND,
            LOCAL_INTAKE_PORT,
            LOCAL_INTAKE_PATH,
            LOCAL_INTAKE_MAX_BYTES,
            LOCAL_INTAKE_MAX_AGE);

    /** The keys of a {@code tcp} or {@code udp} entry, in the order they are printed. */
    public static final List<ConfigKey<LogSource>> SOCKET_SOURCE = List.of(
            SOURCE_TYPE,
            SOURCE_BIND,
            SOURCE_PORT,
            SOURCE_SERVICE,
            SOURCE_SOURCE,
            SOURCE_TAGS,
            SOURCE_MAX_MESSAGE_BYTES,
            SOURCE_MAX_CONNECTIONS,
            SOURCE_IDLE_TIMEOUT,
            SOURCE_RECEIVE_BUFFER_BYTES,
            SOURCE_ALLOW,
            SOURCE_TLS_CERT_FILE,
            SOURCE_TLS_KEY_FILE,
            SOURCE_TLS_CLIENT_CA_FILE,
            SOURCE_TLS_MIN_VERSION);

    /** The keys of a {@code file} entry, in the order they are printed. */
    public static final List<ConfigKey<LogSource>> FILE_SOURCE = List.of(
            SOURCE_TYPE,
            SOURCE_PATH,
            SOURCE_EXCLUDE_PATHS,
            SOURCE_SERVICE,
            SOURCE_SOURCE,
            SOURCE_TAGS,
            SOURCE_MAX_MESSAGE_BYTES,
            SOURCE_START_POSITION,
            SOURCE_MULTI_LINE_START,
            SOURCE_MAX_OPEN_FILES);

    /** Every key a {@code logs:} entry may have, whatever its type, in the order they are documented. */
    public static final List<ConfigKey<LogSource>> SOURCE = List.of(
            SOURCE_TYPE,
            SOURCE_BIND,
            SOURCE_PORT,
            SOURCE_SERVICE,
            SOURCE_SOURCE,
            SOURCE_TAGS,
            SOURCE_MAX_MESSAGE_BYTES,
            SOURCE_MAX_CONNECTIONS,
            SOURCE_IDLE_TIMEOUT,
            SOURCE_RECEIVE_BUFFER_BYTES,
            SOURCE_ALLOW,
            SOURCE_TLS_CERT_FILE,
            SOURCE_TLS_KEY_FILE,
            SOURCE_TLS_CLIENT_CA_FILE,
            SOURCE_TLS_MIN_VERSION,
            SOURCE_PATH,
            SOURCE_EXCLUDE_PATHS,
            SOURCE_START_POSITION,
            SOURCE_MULTI_LINE_START,
            SOURCE_MAX_OPEN_FILES);

    /** The keys an entry of {@code type} takes. */
    public static List<ConfigKey<LogSource>> sourceKeys(SourceType type) {
        return type == SourceType.FILE ? FILE_SOURCE : SOCKET_SOURCE;
    }

    private static Function<LogSource, Object> socket(Function<SocketSource, Object> getter) {
        return s -> s instanceof SocketSource socket ? getter.apply(socket) : null;
    }

    private static Function<LogSource, Object> file(Function<FileSource, Object> getter) {
        return s -> s instanceof FileSource file ? getter.apply(file) : null;
    }

    /** The key holding the list of sources. */
    public static final String LOGS = "logs";

    /** Environment variables that name a key without the {@code LOGSHIP_} scheme, as the Datadog Agent reads them. */
    public static final List<EnvAlias> DATADOG_ENV = List.of(
            new EnvAlias("DD_API_KEY", API_KEY),
            new EnvAlias("DD_SITE", SITE),
            new EnvAlias(DatadogVariables.HOSTNAME, HOSTNAME),
            new EnvAlias(DatadogVariables.TAGS, TAGS_KEY));

    /** A Datadog-style environment variable and the key it sets. */
    public record EnvAlias(String variable, ConfigKey<LogshipConfig> key) {}

    private ConfigKeys() {}
}
