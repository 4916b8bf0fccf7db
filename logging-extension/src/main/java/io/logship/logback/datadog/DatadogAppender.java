package io.logship.logback.datadog;

import static java.time.Duration.ofMillis;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.logship.logback.datadog.DeliveryStats.DropReason;
import io.logship.logback.encoder.RecordBuffer;
import io.logship.logback.tls.TlsClient;
import io.logship.logback.tls.TlsOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback appender sending each event as one Datadog JSON line to a local agent, without ever blocking the
 * application (unless asked to, with a bound) and without losing records silently.
 *
 * <pre>{@code
 * <appender name="DATADOG" class="io.logship.logback.datadog.DatadogAppender">
 *   <service>checkout</service>            <!-- else DD_SERVICE -->
 *   <host>127.0.0.1</host><port>10518</port> <!-- else DD_AGENT_HOST / LOGSHIP_DATADOG_PORT -->
 *   <queueSize>8192</queueSize><queueMaxBytes>16 MB</queueMaxBytes>
 *   <shutdownTimeout>5 seconds</shutdownTimeout>
 *   <tls>true</tls>                          <!-- TCP only; trust: the JVM's default, or: -->
 *   <tlsCaFile>/etc/logship/ca.pem</tlsCaFile>
 * </appender>
 * }</pre>
 *
 * <p>{@link #append} only estimates the event's size and offers it to a {@link RecordQueue}: no I/O, no encoding, no
 * lock. A {@link DatadogWriter} thread encodes ({@link DatadogJsonEncoder}) and writes ({@link TcpConnection} or
 * {@link UdpConnection}). When the queue is full the event is dropped and counted ({@link WhenQueueFull}); the first drop
 * and every {@link #setDroppedWarnFrequency Nth} give an {@code addWarn}, and the total is reported (status and one
 * warning record) once sending works again. Every warning also reaches stderr, at most one line per 10 s ({@link
 * #setWarnOnStderr}), so an application without a status listener still learns of its losses. Counters: {@link
 * #getStats()}.
 *
 * <p><b>Lifecycle.</b> {@link #start()} checks every option, reports each problem with {@code addError} and stays
 * stopped if there was one. {@link #stop()} (also run by a JVM shutdown hook unless {@code shutdownHook} is false)
 * drains the queue for up to {@code shutdownTimeout}, then reports how many records it left behind. Both are
 * idempotent and thread-safe.
 *
 * <p><b>Pitfalls.</b> Key/value objects are rendered on the writer thread after the call returned: log immutable
 * values. Delivery is at-least-once up to the socket: a batch whose write failed part way is re-sent whole.
 */
public class DatadogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Default most records queued: {@value}. As logstash-logback-encoder's ring buffer. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;
    /** Default most (estimated) bytes queued: {@value}, 16 MiB, about 50,000 typical 300-byte records. */
    public static final long DEFAULT_QUEUE_MAX_BYTES = 16L * 1024 * 1024;
    /** Default wait for room under {@link WhenQueueFull#BLOCK_WITH_TIMEOUT}, in ms: {@value}. */
    public static final long DEFAULT_BLOCK_TIMEOUT_MILLIS = 1_000;
    /** Default time {@link #stop()} spends delivering what is queued, in ms: {@value}. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 5_000;
    /** Default period of the drop warnings: one {@code addWarn} on the first drop and every {@value}th. */
    public static final int DEFAULT_DROPPED_WARN_FREQUENCY = 1000;
    /** Extra time {@link #stop()} gives an aborted writer to exit, in ms: {@value}. */
    static final long ABORT_JOIN_MILLIS = 1_000;

    private String host;
    private int port;
    private Protocol protocol = Protocol.TCP;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private FileSize queueMaxBytes = new FileSize(DEFAULT_QUEUE_MAX_BYTES);
    private WhenQueueFull whenFull = WhenQueueFull.DROP_NEWEST;
    private Duration blockTimeout = new Duration(DEFAULT_BLOCK_TIMEOUT_MILLIS);
    private Duration shutdownTimeout = new Duration(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS);
    private Duration reconnectDelayMin = new Duration(ReconnectBackoff.DEFAULT_MIN_DELAY_MILLIS);
    private Duration reconnectDelayMax = new Duration(ReconnectBackoff.DEFAULT_MAX_DELAY_MILLIS);
    private Duration connectTimeout = new Duration(TcpConnection.DEFAULT_CONNECT_TIMEOUT_MILLIS);
    private Duration writeTimeout = new Duration(TcpConnection.DEFAULT_WRITE_TIMEOUT_MILLIS);
    private int maxDatagramBytes = UdpConnection.DEFAULT_MAX_DATAGRAM_BYTES;
    private int droppedWarnFrequency = DEFAULT_DROPPED_WARN_FREQUENCY;
    private boolean shutdownHook = true;
    private boolean warnOnStderr = true;
    private StderrNotice stderr = new StderrNotice(System.err, StderrNotice.DEFAULT_INTERVAL_MILLIS);
    private String service;
    private String source;
    private String tags;
    private String env;
    private String version;
    private String hostname;
    private DatadogEnvironment environment = new DatadogEnvironment();
    private final TlsOptions tls = new TlsOptions();

    private final Object lifecycle = new Object();
    private final DeliveryStats stats = new DeliveryStats();
    private volatile RecordQueue<ILoggingEvent> queue;
    private DatadogWriter writer;
    private Thread writerThread;
    private Thread hook;
    private String target = "";

    /** Creates an appender with every option at its default. */
    public DatadogAppender() {}

    @Override
    protected void append(ILoggingEvent event) {
        RecordQueue<ILoggingEvent> q = queue;
        if (q.refusesAtOnce()) {
            // Full and dropping: no formatting, no estimate, one counter; the cheapest path when the agent is slow.
            countDrop(DropReason.QUEUE_FULL, -1, q);
            return;
        }
        event.prepareForDeferredProcessing(); // message, thread name and MDC are read now, on this thread
        int size = DatadogJsonEncoder.estimateBytes(event);
        if (q.offer(event, size)) {
            return;
        }
        countDrop(size > q.maxBytes() ? DropReason.TOO_LARGE : DropReason.QUEUE_FULL, size, q);
    }

    private void countDrop(DropReason reason, int size, RecordQueue<ILoggingEvent> q) {
        long n = stats.dropped(reason, 1);
        if (n == 1 || n % droppedWarnFrequency == 0) {
            warnDropped(n, reason, size, q);
        }
    }

    private void warnDropped(long countForReason, DropReason reason, int size, RecordQueue<ILoggingEvent> q) {
        // StringBuilder, not '+': the first run of an indy string concatenation links it, which took 20 ms on the
        // application thread in the first-drop test.
        StringBuilder sb = new StringBuilder(256)
                .append("Dropped ")
                .append(countForReason)
                .append(' ')
                .append(reason)
                .append(" records so far (all drops: ")
                .append(stats.dropSummary())
                .append("); this one: ");
        if (size < 0) {
            sb.append("not formatted");
        } else {
            sb.append(size).append(" bytes estimated");
        }
        sb.append(", queue holds ")
                .append(q.size())
                .append('/')
                .append(q.capacity())
                .append(" records and ")
                .append(q.sizeBytes())
                .append('/')
                .append(q.maxBytes())
                .append(" bytes; ")
                .append(target)
                .append(" is slow or unreachable");
        addWarn(sb.toString());
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (isStarted()) {
                return;
            }
            List<String> errors = validate();
            TlsClient tlsClient = null;
            if (tls.isEnabled() && protocol == Protocol.TCP) {
                try {
                    tlsClient = TlsClient.create(tls);
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            String agentHost = environment.agentHost(host);
            int agentPort = 0;
            try {
                agentPort = environment.agentPort(port);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            if (!errors.isEmpty()) {
                errors.forEach(this::addError);
                return;
            }
            Connection connection = protocol == Protocol.UDP
                    ? new UdpConnection(agentHost, agentPort, maxDatagramBytes)
                    : new TcpConnection(
                            agentHost,
                            agentPort,
                            ofMillis(connectTimeout.getMilliseconds()),
                            ofMillis(writeTimeout.getMilliseconds()),
                            tlsClient);
            target = connection.toString();
            RecordBuffer buffer = new RecordBuffer();
            DatadogJsonEncoder encoder = new DatadogJsonEncoder(
                    buffer,
                    environment.service(service),
                    environment.hostname(hostname),
                    environment.source(source),
                    environment.tags(tags, env, version));
            queue = new RecordQueue<>(
                    queueSize, queueMaxBytes.getSize(), whenFull, blockTimeout.getMilliseconds() * 1_000_000L);
            ReconnectBackoff backoff = new ReconnectBackoff(
                    ofMillis(reconnectDelayMin.getMilliseconds()), ofMillis(reconnectDelayMax.getMilliseconds()));
            writer = new DatadogWriter(queue, connection, backoff, stats, this, buffer, encoder);
            writerThread = new Thread(writer, "logship-datadog-writer" + (name == null ? "" : "-" + name));
            writerThread.setDaemon(true);
            writerThread.start();
            if (shutdownHook) {
                hook = new Thread(this::stop, "logship-datadog-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
            }
            super.start();
            addInfo("Sending to " + target + " (queue " + queueSize + " records / " + queueMaxBytes + ", when full: "
                    + whenFull + ")");
        }
    }

    private List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (queueSize < 1 || queueSize > (1 << 30)) {
            errors.add("queueSize must be in [1, 2^30]: " + queueSize);
        }
        if (queueMaxBytes == null || queueMaxBytes.getSize() <= 0) {
            errors.add("queueMaxBytes must be > 0: " + queueMaxBytes);
        }
        requirePositive(errors, "blockTimeout", blockTimeout, true);
        requirePositive(errors, "shutdownTimeout", shutdownTimeout, true);
        requirePositive(errors, "reconnectDelayMin", reconnectDelayMin, false);
        requirePositive(errors, "reconnectDelayMax", reconnectDelayMax, false);
        requirePositive(errors, "connectTimeout", connectTimeout, false);
        requirePositive(errors, "writeTimeout", writeTimeout, false);
        if (reconnectDelayMin != null
                && reconnectDelayMax != null
                && reconnectDelayMax.getMilliseconds() < reconnectDelayMin.getMilliseconds()) {
            errors.add("reconnectDelayMax (" + reconnectDelayMax + ") must be >= reconnectDelayMin ("
                    + reconnectDelayMin + ")");
        }
        if (port < 0 || port > 65_535) {
            errors.add("port must be in [1, 65535]: " + port);
        }
        if (protocol == null) {
            errors.add("protocol must be TCP or UDP");
        }
        if (tls.isEnabled() && protocol == Protocol.UDP) {
            errors.add("tls is for TCP only: protocol is UDP; set protocol to TCP or tls to false");
        }
        if (!tls.isEnabled() && tls.anyFileSet()) {
            addWarn(
                    "tlsCaFile, tlsTrustStore, tlsCertFile or tlsKeyFile is set but tls is false: sending in plain text");
        }
        if (whenFull == null) {
            errors.add("whenFull must be DROP_NEWEST or BLOCK_WITH_TIMEOUT");
        }
        if (maxDatagramBytes < 512 || maxDatagramBytes > UdpConnection.MAX_DATAGRAM_BYTES) {
            errors.add(
                    "maxDatagramBytes must be in [512, " + UdpConnection.MAX_DATAGRAM_BYTES + "]: " + maxDatagramBytes);
        }
        if (droppedWarnFrequency < 1) {
            errors.add("droppedWarnFrequency must be >= 1: " + droppedWarnFrequency);
        }
        return errors;
    }

    private static void requirePositive(List<String> errors, String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.getMilliseconds() < 0 || (!zeroAllowed && value.getMilliseconds() == 0)) {
            errors.add(name + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ": " + value);
        }
    }

    /**
     * Stops taking records, delivers what is queued for up to {@code shutdownTimeout}, then gives up and reports how
     * many records were left behind (counted as {@link DropReason#SHUTDOWN}).
     */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!isStarted()) {
                return;
            }
            super.stop();
            writer.requestStop();
            boolean drained = join(shutdownTimeout.getMilliseconds());
            if (!drained) {
                writer.abort();
                join(ABORT_JOIN_MILLIS);
            }
            int left = queue.size();
            if (left > 0) {
                stats.dropped(DropReason.SHUTDOWN, left);
                String message = "Stopped with " + left + " records not sent to " + target + ": shutdownTimeout ("
                        + shutdownTimeout + ") ran out; " + stats;
                super.addWarn(message);
                copyToStderr(message, true);
            } else {
                addInfo("Stopped; every queued record was written to " + target + "; " + stats);
            }
            removeHook();
        }
    }

    private boolean join(long millis) {
        try {
            writerThread.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the caller's interrupt; stop() still finishes
        }
        return !writerThread.isAlive();
    }

    private void removeHook() {
        Thread h = hook;
        hook = null;
        if (h == null || h == Thread.currentThread()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(h);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and will run (or is running) the hook; stop() is idempotent.
        }
    }

    /** Every warning of this appender (and of its writer) also goes to stderr, rate-limited; see {@link StderrNotice}. */
    @Override
    public void addWarn(String msg) {
        super.addWarn(msg);
        copyToStderr(msg, false);
    }

    @Override
    public void addWarn(String msg, Throwable ex) {
        super.addWarn(msg, ex);
        copyToStderr(msg + ": " + ex, false);
    }

    private void copyToStderr(String message, boolean always) {
        if (warnOnStderr) {
            stderr.warn(getClass().getName() + "[" + name + "]", message, always);
        }
    }

    /** Counters of sent and dropped records, connects and failures. */
    public DeliveryStats getStats() {
        return stats;
    }

    /** Records queued right now (0 before start). */
    public int getQueuedRecords() {
        RecordQueue<ILoggingEvent> q = queue;
        return q == null ? 0 : q.size();
    }

    void setEnvironment(DatadogEnvironment environment) {
        this.environment = environment;
    }

    public String getHost() {
        return host;
    }

    /** Agent host; unset: {@code DD_AGENT_HOST}, else {@value DatadogEnvironment#DEFAULT_HOST}. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** Agent port; unset (0): {@code LOGSHIP_DATADOG_PORT}, else {@value DatadogEnvironment#DEFAULT_PORT}. */
    public void setPort(int port) {
        this.port = port;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    /** {@code TCP} (default) or {@code UDP}. */
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /** Most records queued; default {@value #DEFAULT_QUEUE_SIZE}. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public FileSize getQueueMaxBytes() {
        return queueMaxBytes;
    }

    /**
     * Most estimated bytes queued ({@code "16 MB"}); default {@value #DEFAULT_QUEUE_MAX_BYTES} bytes. Records larger
     * than {@code queueMaxBytes / (2 * queueSize)} together get half of it (see {@link RecordQueue}).
     */
    public void setQueueMaxBytes(FileSize queueMaxBytes) {
        this.queueMaxBytes = queueMaxBytes;
    }

    public WhenQueueFull getWhenFull() {
        return whenFull;
    }

    /** {@code DROP_NEWEST} (default) or {@code BLOCK_WITH_TIMEOUT}. */
    public void setWhenFull(WhenQueueFull whenFull) {
        this.whenFull = whenFull;
    }

    public Duration getBlockTimeout() {
        return blockTimeout;
    }

    /** Wait for room under {@code BLOCK_WITH_TIMEOUT}; default {@value #DEFAULT_BLOCK_TIMEOUT_MILLIS} ms. */
    public void setBlockTimeout(Duration blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** Time {@link #stop()} spends delivering; default {@value #DEFAULT_SHUTDOWN_TIMEOUT_MILLIS} ms. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getReconnectDelayMin() {
        return reconnectDelayMin;
    }

    /** First backoff ceiling; default {@value ReconnectBackoff#DEFAULT_MIN_DELAY_MILLIS} ms. */
    public void setReconnectDelayMin(Duration reconnectDelayMin) {
        this.reconnectDelayMin = reconnectDelayMin;
    }

    public Duration getReconnectDelayMax() {
        return reconnectDelayMax;
    }

    /** Largest backoff ceiling; default {@value ReconnectBackoff#DEFAULT_MAX_DELAY_MILLIS} ms. */
    public void setReconnectDelayMax(Duration reconnectDelayMax) {
        this.reconnectDelayMax = reconnectDelayMax;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** TCP connect timeout; default {@value TcpConnection#DEFAULT_CONNECT_TIMEOUT_MILLIS} ms. */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    /** TCP write progress timeout; default {@value TcpConnection#DEFAULT_WRITE_TIMEOUT_MILLIS} ms. */
    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public int getMaxDatagramBytes() {
        return maxDatagramBytes;
    }

    /** UDP only: largest datagram; default {@value UdpConnection#DEFAULT_MAX_DATAGRAM_BYTES}. */
    public void setMaxDatagramBytes(int maxDatagramBytes) {
        this.maxDatagramBytes = maxDatagramBytes;
    }

    public int getDroppedWarnFrequency() {
        return droppedWarnFrequency;
    }

    /** One {@code addWarn} on the first drop and every Nth; default {@value #DEFAULT_DROPPED_WARN_FREQUENCY}. */
    public void setDroppedWarnFrequency(int droppedWarnFrequency) {
        this.droppedWarnFrequency = droppedWarnFrequency;
    }

    public boolean isShutdownHook() {
        return shutdownHook;
    }

    /**
     * Whether {@link #start()} registers a JVM shutdown hook running {@link #stop()}; default true. Setting it false
     * on a started appender removes its hook: do so when something else stops the logback context at exit after the
     * application's own shutdown (Spring Boot's logging shutdown handler; the starter does it), or records logged
     * during that shutdown would meet a stopped appender.
     */
    public void setShutdownHook(boolean shutdownHook) {
        synchronized (lifecycle) {
            this.shutdownHook = shutdownHook;
            if (!shutdownHook) {
                removeHook();
            }
        }
    }

    public boolean isWarnOnStderr() {
        return warnOnStderr;
    }

    /**
     * Whether warnings (drops, records left unsent at shutdown, an unreachable agent) are also printed on stderr, at
     * most one line per {@value StderrNotice#DEFAULT_INTERVAL_MILLIS} ms; default true. Logback's status keeps every
     * one either way.
     */
    public void setWarnOnStderr(boolean warnOnStderr) {
        this.warnOnStderr = warnOnStderr;
    }

    /** Where {@link #setWarnOnStderr stderr warnings} go, and how often (tests). */
    void setStderr(PrintStream out, long intervalMillis) {
        this.stderr = new StderrNotice(out, intervalMillis);
    }

    public boolean isTls() {
        return tls.isEnabled();
    }

    /**
     * TLS to the agent (TCP only); default false. The server's certificate must be trusted ({@code tlsCaFile},
     * {@code tlsTrustStore}, else the JVM's default trust) and name the host connected to. The handshake runs on the
     * writer thread within {@code connectTimeout}; a refused one is a failed connect (records stay queued, backoff,
     * a warning saying why).
     */
    public void setTls(boolean tls) {
        this.tls.setEnabled(tls);
    }

    public String getTlsCaFile() {
        return tls.getCaFile();
    }

    /** PEM file of the certificates (CAs) trusted for the agent's certificate, instead of the JVM's default trust. */
    public void setTlsCaFile(String file) {
        tls.setCaFile(file);
    }

    public String getTlsTrustStore() {
        return tls.getTrustStore();
    }

    /** Key store file of trusted certificates, instead of {@code tlsCaFile}. */
    public void setTlsTrustStore(String file) {
        tls.setTrustStore(file);
    }

    /** Password of {@code tlsTrustStore}, if it has one. Never logged. */
    public void setTlsTrustStorePassword(String password) {
        tls.setTrustStorePassword(password);
    }

    public String getTlsTrustStoreType() {
        return tls.getTrustStoreType();
    }

    /** Type of {@code tlsTrustStore}: PKCS12 (default) or JKS. */
    public void setTlsTrustStoreType(String type) {
        tls.setTrustStoreType(type);
    }

    public String getTlsCertFile() {
        return tls.getCertFile();
    }

    /** Mutual TLS: PEM file of this client's certificate chain, leaf first; needs {@code tlsKeyFile}. */
    public void setTlsCertFile(String file) {
        tls.setCertFile(file);
    }

    public String getTlsKeyFile() {
        return tls.getKeyFile();
    }

    /** Mutual TLS: PEM file of this client's private key (PKCS#8 or PKCS#1, unencrypted). */
    public void setTlsKeyFile(String file) {
        tls.setKeyFile(file);
    }

    public String getService() {
        return service;
    }

    /** {@code service}; unset: {@code DD_SERVICE}, else left out. */
    public void setService(String service) {
        this.service = service;
    }

    public String getSource() {
        return source;
    }

    /** {@code ddsource}; default {@value DatadogEnvironment#DEFAULT_SOURCE}. */
    public void setSource(String source) {
        this.source = source;
    }

    public String getTags() {
        return tags;
    }

    /** Tags ({@code team:a,tier:web}); unset: {@code DD_TAGS}. */
    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getEnv() {
        return env;
    }

    /** Sent as tag {@code env:<env>}; unset: {@code DD_ENV}. */
    public void setEnv(String env) {
        this.env = env;
    }

    public String getVersion() {
        return version;
    }

    /** Sent as tag {@code version:<version>}; unset: {@code DD_VERSION}. */
    public void setVersion(String version) {
        this.version = version;
    }

    public String getHostname() {
        return hostname;
    }

    /** The {@code host} field; unset: {@code DD_HOSTNAME}, {@code HOSTNAME}, else the machine's name. */
    public void setHostname(String hostname) {
        this.hostname = hostname;
    }
}
