package io.logship.agent;

import io.logship.agent.intake.LocalIntake;
import io.logship.agent.intake.LocalIntakeOptions;
import io.logship.config.Compression;
import io.logship.config.LogSource;
import io.logship.config.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs the agent on a fixed TCP port against a local intake in DISCARD mode and prints, once a second, how many
 * records and bytes the intake accepted, so that a load generator in another process can drive it:
 *
 * <pre>
 * java -cp ... io.logship.agent.AgentThroughputBenchmark 10518 30 [zstd|gzip|deflate|none]
 * java -cp ... io.logship.agent.loadgen.LoadGenerator --port 10518 --connections 4 --duration 20s
 * </pre>
 *
 * Not a JMH benchmark and not run by surefire (the name ends in {@code Benchmark}).
 */
public final class AgentThroughputBenchmark {
    private AgentThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 10518;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Compression compression = args.length > 2 ? Compression.valueOf(args[2].toUpperCase()) : Compression.ZSTD;
        Path dir = Files.createTempDirectory("logship-bench");
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir).port(0)
                .mode(LocalIntakeOptions.StorageMode.DISCARD).build())) {
            AgentHarness.Config config = AgentHarness.config(intake.logsUrl(), List.of(new LogSource(SourceType.TCP,
                    "127.0.0.1", port, Optional.of("bench"), Optional.of("bench"), List.of(), 900_000)));
            config.compression = compression;
            config.level = compression.defaultLevel();
            config.maxWait = java.time.Duration.ofSeconds(1);
            try (Agent agent = Agent.start(config.build())) {
                long last = 0;
                for (int s = 0; s < seconds; s++) {
                    Thread.sleep(1000);
                    long now = intake.recordsAccepted();
                    System.out.printf("t=%ds records/s=%d total=%d sentBytes=%d dropped=%d backpressured=%s%n", s + 1,
                            now - last, now, agent.sendCounters().bytesSent(), agent.sendCounters().recordsDropped(),
                            agent.isBackpressured());
                    last = now;
                }
            }
        }
    }
}
