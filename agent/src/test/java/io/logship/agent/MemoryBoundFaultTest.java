package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded while a client keeps sending during an intake outage: the in-memory buffer never passes its
 * bound (plus one batch per event loop), direct memory stays flat, the client is slowed down, and every record
 * offered is delivered once the intake is back.
 *
 * <p>By default 200 MiB are offered through a 16 MiB buffer; {@code -Dlogship.fullFaults=true} offers 1 GiB.
 */
@Tag("fault")
class MemoryBoundFaultTest {
    private static final boolean FULL = Boolean.getBoolean("logship.fullFaults");
    private static final long OFFERED_BYTES = FULL ? 1L << 30 : 200L << 20;
    private static final long BUFFER_BYTES = 16L << 20;
    private static final int BATCH_BYTES = 1_000_000;
    private static final int LINE_BYTES = 256;
    private static final int BLOCK_BYTES = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void memoryStaysBoundedWhileSendingThroughAnOutage() throws Exception {
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .mode(LocalIntakeOptions.StorageMode.DISCARD)
                .build())) {
            intake.knobs().failNext(1_000_000, 503, Optional.empty());
            AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("mem", 900_000)));
            config.bufferBytes = BUFFER_BYTES;
            config.maxBatchBytes = BATCH_BYTES;
            config.retryBase = Duration.ofMillis(50);
            config.retryMax = Duration.ofMillis(500);
            try (Agent agent = Agent.start(config.build())) {
                AtomicLong written = new AtomicLong();
                AtomicLong maxQueued = new AtomicLong();
                AtomicLong maxDirect = new AtomicLong();
                AtomicLong maxHeap = new AtomicLong();
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = new Thread(
                        () -> {
                            Runtime rt = Runtime.getRuntime();
                            while (sampling.get()) {
                                maxQueued.accumulateAndGet(agent.bufferedBytes(), Math::max);
                                maxDirect.accumulateAndGet(PlatformDependent.usedDirectMemory(), Math::max);
                                maxHeap.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                            }
                        },
                        "memory-sampler");
                sampler.setDaemon(true);
                sampler.start();
                long start = System.nanoTime();
                CompletableFuture<Void> client = send(agent.boundAddresses().get(0), written);

                await().atMost(Duration.ofSeconds(60)).until(agent::isBackpressured);
                long atPause = written.get();
                long pausedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> System.nanoTime() - pausedAt >= TimeUnit.SECONDS.toNanos(3));
                long whileDown = written.get();
                assertThat(whileDown)
                        .as("bytes the client got written while the intake was down")
                        .isLessThan(BUFFER_BYTES + (32L << 20));
                intake.knobs().clear();

                client.get(300, TimeUnit.SECONDS);
                long lines = OFFERED_BYTES / LINE_BYTES;
                await().atMost(Duration.ofSeconds(120)).until(() -> intake.recordsAccepted() >= lines);
                sampling.set(false);
                sampler.join();
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

                assertThat(intake.recordsAccepted()).isEqualTo(lines);
                assertThat(maxQueued.get())
                        .as("peak in-memory buffer bytes")
                        .isLessThanOrEqualTo(BUFFER_BYTES + 2L * BATCH_BYTES + (1L << 20));
                assertThat(maxDirect.get())
                        .as("peak Netty direct memory (agent + intake)")
                        .isLessThan(192L << 20);
                assertThat(agent.drops().total()).isZero();
                FaultTable.row(
                        "memory bound: " + (OFFERED_BYTES >> 20) + " MiB offered, intake answering 503 "
                                + "until 3 s of backpressure",
                        lines,
                        intake.recordsAccepted(),
                        lines - intake.recordsAccepted(),
                        0,
                        "count only (discard intake); buffer 16 MiB: peak "
                                + (maxQueued.get() >> 20) + " MiB queued, peak direct " + (maxDirect.get() >> 20)
                                + " MiB, peak heap " + (maxHeap.get() >> 20) + " MiB (whole test JVM); client had "
                                + (atPause >> 20) + " MiB written at pause, " + (whileDown >> 20) + " MiB 3 s later; "
                                + seconds + " s in all");
            }
        }
    }

    @Test
    void forkedAgentRssStaysBoundedWhileSendingThroughAnOutage() throws Exception {
        try (LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .port(0)
                .knobs(true)
                .mode(LocalIntakeOptions.StorageMode.DISCARD)
                .build())) {
            intake.knobs().failNext(1_000_000, 503, Optional.empty());
            String yaml = "intake:\n  url: " + intake.logsUrl() + "\n"
                    + "retry:\n  base: 50ms\n  max: 500ms\n"
                    + "buffer:\n  max_bytes: 16MiB\n"
                    + "batch:\n  max_bytes: 1MB\n  max_wait: 50ms\n"
                    + "stop_grace_period: 5s\n";
            try (ForkedAgent agent = ForkedAgent.start(dir, "memory", yaml)) {
                AtomicLong written = new AtomicLong();
                long start = System.nanoTime();
                CompletableFuture<Void> client = send(agent.input, written);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> agent.metric("logship_buffer_bytes") >= BUFFER_BYTES);
                long pausedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> System.nanoTime() - pausedAt >= TimeUnit.SECONDS.toNanos(2));
                long whileDown = written.get();
                assertThat(whileDown).isLessThan(BUFFER_BYTES + (32L << 20));
                intake.knobs().clear();

                client.get(300, TimeUnit.SECONDS);
                long lines = OFFERED_BYTES / LINE_BYTES;
                await().atMost(Duration.ofSeconds(120)).until(() -> intake.recordsAccepted() >= lines);
                long peakRssKib = agent.peakRssKib();
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

                assertThat(intake.recordsAccepted()).isEqualTo(lines);
                assertThat(peakRssKib)
                        .as("agent peak RSS (VmHWM), KiB, with -Xmx128m")
                        .isBetween(1L, 512L << 10);
                assertThat(agent.terminate(Duration.ofSeconds(30))).isZero();
                assertThat(agent.output()).contains("stopped: " + lines + " records delivered");
                FaultTable.row(
                        "memory bound, forked agent (-Xmx128m): " + (OFFERED_BYTES >> 20) + " MiB offered, "
                                + "intake answering 503 until 2 s of backpressure",
                        lines,
                        intake.recordsAccepted(),
                        lines - intake.recordsAccepted(),
                        0,
                        peakRssKib,
                        "count only (discard intake); buffer 16 MiB; "
                                + "client had " + (whileDown >> 20)
                                + " MiB written during the outage; " + seconds + " s in all");
            }
        }
    }

    private static CompletableFuture<Void> send(InetSocketAddress to, AtomicLong written) {
        byte[] block = new byte[BLOCK_BYTES];
        Arrays.fill(block, (byte) 'x');
        for (int i = LINE_BYTES - 1; i < block.length; i += LINE_BYTES) {
            block[i] = '\n';
        }
        byte[] prefix = "memory ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < block.length; i += LINE_BYTES) {
            System.arraycopy(prefix, 0, block, i, prefix.length);
        }
        return CompletableFuture.runAsync(
                () -> {
                    try (Socket socket = new Socket(to.getAddress(), to.getPort())) {
                        OutputStream out = socket.getOutputStream();
                        for (long sent = 0; sent < OFFERED_BYTES; sent += BLOCK_BYTES) {
                            out.write(block);
                            written.addAndGet(BLOCK_BYTES);
                        }
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                r -> {
                    Thread t = new Thread(r, "memory-client");
                    t.setDaemon(true);
                    t.start();
                });
    }
}
