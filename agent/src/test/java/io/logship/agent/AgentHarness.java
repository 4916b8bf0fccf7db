package io.logship.agent;

import static org.awaitility.Awaitility.await;

import io.logship.config.BatchLimits;
import io.logship.config.Buffer;
import io.logship.config.Compression;
import io.logship.config.ConfigLoader;
import io.logship.config.FsyncPolicy;
import io.logship.config.Intake;
import io.logship.config.LocalIntakeConfig;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Retry;
import io.logship.config.Secret;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.config.Spool;
import io.logship.config.WhenFull;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Builds test configs programmatically and talks to a running agent; all on loopback, ephemeral ports. */
final class AgentHarness {
    static final String HOSTNAME = "test-host";
    static final Duration WAIT = Duration.ofSeconds(20);

    private AgentHarness() {}

    /** A local intake on an ephemeral loopback port, knobs on (the end-to-end tests arm them). */
    static LocalIntake startIntake(Path dir, String requiredApiKey) throws IOException {
        LocalIntakeOptions.Builder options =
                LocalIntakeOptions.builder(dir).host("127.0.0.1").port(0).knobs(true);
        if (requiredApiKey != null) {
            options.requiredApiKey(requiredApiKey);
        }
        return LocalIntake.start(options.build());
    }

    static LogSource tcp(String service, int maxMessageBytes) {
        return new SocketSource(
                SourceType.TCP,
                "127.0.0.1",
                0,
                Optional.of(service),
                Optional.of("java"),
                List.of("src:" + service),
                maxMessageBytes);
    }

    static LogSource udp(String service) {
        return new SocketSource(
                SourceType.UDP,
                "127.0.0.1",
                0,
                Optional.of(service),
                Optional.of("java"),
                List.of("src:" + service),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A config posting to {@code intakeUrl} (null: the local intake, started by the agent in {@code dir}). */
    static Config config(URI intakeUrl, List<LogSource> logs) {
        return new Config(intakeUrl, logs);
    }

    /** A mutable holder turned into the immutable {@link LogshipConfig} by {@link #build()}. */
    static final class Config {
        URI intakeUrl;
        List<LogSource> logs;
        Secret apiKey = Secret.absent();
        Compression compression = Compression.ZSTD;
        int level = 1;
        int maxRecords = 1000;
        long maxBatchBytes = 5_000_000;
        Duration maxWait = Duration.ofMillis(50);
        long bufferBytes = 64L << 20;
        Path localIntakeDir;
        Duration timeout = Duration.ofSeconds(5);
        Duration retryBase = Duration.ofMillis(10);
        Duration retryMax;
        Duration stopGrace = Duration.ofSeconds(10);
        int maxInFlight = 4;
        WhenFull whenFull = WhenFull.BLOCK;
        Path spoolPath;
        long spoolMaxBytes = 1L << 30;
        FsyncPolicy fsync = FsyncPolicy.EVERY_BATCH;

        Config(URI intakeUrl, List<LogSource> logs) {
            this.intakeUrl = intakeUrl;
            this.logs = logs;
        }

        LogshipConfig build() {
            LogshipConfig d = ConfigLoader.defaults();
            return new LogshipConfig(
                    apiKey,
                    d.site(),
                    HOSTNAME,
                    List.of("env:test"),
                    new Intake(Optional.ofNullable(intakeUrl), compression, level, maxInFlight, timeout),
                    new BatchLimits(maxRecords, maxBatchBytes, maxWait),
                    new Retry(retryBase, 2.0, retryMax != null ? retryMax : retryBase.multipliedBy(5)),
                    new Buffer(bufferBytes, whenFull),
                    new Spool(Optional.ofNullable(spoolPath), spoolMaxBytes, fsync, Duration.ofMillis(200)),
                    d.metrics(),
                    new LocalIntakeConfig(
                            "127.0.0.1",
                            0,
                            localIntakeDir != null
                                    ? localIntakeDir
                                    : d.localIntake().path()),
                    stopGrace,
                    logs);
        }
    }

    /** Opens a connection, writes the bytes, closes it. */
    static void sendTcp(InetSocketAddress to, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    static void sendUdp(InetSocketAddress to, byte[] datagram) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
    }

    /** Waits until the intake holds exactly {@code n} records, then returns them oldest first. */
    static List<StoredRecord> awaitRecords(LocalIntake intake, int n) {
        await().atMost(WAIT).until(() -> intake.count(RecordQuery.all()) >= n);
        List<StoredRecord> records =
                new ArrayList<>(intake.query(RecordQuery.all().withLimit(RecordQuery.MAX_LIMIT)));
        records.sort(Comparator.comparingLong(StoredRecord::id));
        return records;
    }
}
