package io.logship.agent;

import io.logship.config.Compression;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Throughput driver, run on demand (not JMH, not run by surefire: the name ends in {@code Benchmark}). Three JVMs,
 * so the agent's own RSS and CPU can be read:
 *
 * <pre>
 * java -cp CP io.logship.agent.AgentThroughputBenchmark intake 18282 40          # DISCARD-mode local intake
 * java -Xmx128m -cp CP io.logship.agent.AgentThroughputBenchmark agent 18519 http://127.0.0.1:18282/api/v2/logs 30 zstd
 * java -cp CP io.logship.loadgen.LoadGenerator --port 18519 --connections 4 --duration 20s
 * </pre>
 *
 * Each prints one line per second: records per second, totals, and (agent) its resident set size.
 */
public final class AgentThroughputBenchmark {
    private AgentThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("intake")) {
            runIntake(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 60);
        } else if (args.length >= 3 && args[0].equals("agent")) {
            runAgent(
                    Integer.parseInt(args[1]),
                    URI.create(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 30,
                    args.length > 4 ? Compression.valueOf(args[4].toUpperCase()) : Compression.ZSTD);
        } else {
            System.err.println("usage: intake <port> [seconds] | agent <port> <intake url> [seconds] [compression]");
        }
    }

    private static void runIntake(int port, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("logship-bench");
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir)
                .port(port)
                .mode(LocalIntakeOptions.StorageMode.DISCARD)
                .build())) {
            System.out.println("intake at " + intake.logsUrl());
            long last = 0;
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                long now = intake.recordsAccepted();
                System.out.printf("t=%ds intake records/s=%d total=%d%n", s + 1, now - last, now);
                last = now;
            }
        }
    }

    private static void runAgent(int port, URI intakeUrl, int seconds, Compression compression) throws Exception {
        AgentHarness.Config config = AgentHarness.config(
                intakeUrl,
                List.of(new SocketSource(
                        SourceType.TCP,
                        "127.0.0.1",
                        port,
                        Optional.of("bench"),
                        Optional.of("bench"),
                        List.of(),
                        900_000)));
        config.compression = compression;
        config.level = compression.defaultLevel();
        config.maxWait = Duration.ofSeconds(1);
        try (Agent agent = Agent.start(config.build())) {
            long last = 0;
            long peakRssKib = 0;
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                long now = agent.sendCounters().recordsSent();
                long rss = rssKib();
                peakRssKib = Math.max(peakRssKib, rss);
                System.out.printf(
                        "t=%ds agent records/s=%d total=%d bodyBytes=%d dropped=%d paused=%s rss=%dMiB "
                                + "peak=%dMiB%n",
                        s + 1,
                        now - last,
                        now,
                        agent.sendCounters().bytesSent(),
                        agent.drops().total(),
                        agent.isBackpressured(),
                        rss >> 10,
                        peakRssKib >> 10);
                last = now;
            }
        }
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
