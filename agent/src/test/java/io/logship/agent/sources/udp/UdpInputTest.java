package io.logship.agent.sources.udp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatcherGroup;
import io.logship.agent.enrich.SourceFields;
import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.ReadGate;
import io.logship.agent.sources.SourcePipeline;
import io.logship.agent.sources.Transport;
import io.logship.config.BatchLimits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpInputTest {
    private final List<String> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Transport transport = Transport.nio();
    private final EventLoopGroup group = transport.newGroup(1, "udp-test");
    private final BatcherGroup batchers = new BatcherGroup(
            new BatchLimits(1000, 5_000_000, Duration.ofMillis(20)), ByteBufAllocator.DEFAULT, this::collect, () -> {});
    private final AgentMetrics metrics = new AgentMetrics();
    private final SourcePipeline pipeline =
            new SourcePipeline(new SourceFields("h", "", "", ""), 900_000, batchers, () -> 7L, metrics.source("udp"));
    private final ReadGate gate = new ReadGate();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void datagramsWhileThePipelineIsFullAreDroppedAndCounted() throws Exception {
        UdpInput input =
                UdpInput.bind("127.0.0.1", 0, transport, group, pipeline, gate, new InputErrors(), dropped::addAndGet);
        try (DatagramSocket client = new DatagramSocket()) {
            gate.pause();
            send(client, input, "a\nb\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> dropped.get() == 2);

            gate.resume();
            send(client, input, "c");

            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            assertThat(batches.get(0))
                    .isEqualTo("[{\"message\":\"c\",\"status\":\"info\",\"timestamp\":7," + "\"hostname\":\"h\"}]");
            assertThat(dropped.get()).isEqualTo(2);
            assertThat(metrics.source("udp").bytesIn.count()).isEqualTo(5.0);
            assertThat(metrics.source("udp").recordsIn.count()).isEqualTo(1.0);
        } finally {
            input.close();
        }
    }

    private static void send(DatagramSocket client, UdpInput input, String text) throws Exception {
        byte[] bytes = text.getBytes(UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, input.localAddress()));
    }

    private void collect(Batch batch) {
        try {
            batches.add(batch.json().toString(UTF_8));
        } finally {
            batch.release();
        }
    }
}
