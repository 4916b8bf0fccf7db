package io.logship.agent.sources.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpInputTest {
    private final List<String> batches = new CopyOnWriteArrayList<>();
    private final Transport transport = Transport.nio();
    private final EventLoopGroup group = transport.newGroup(1, "test-io");
    private final BatcherGroup batchers = new BatcherGroup(
            new BatchLimits(1000, 5_000_000, Duration.ofMillis(20)), ByteBufAllocator.DEFAULT, this::collect, () -> {});
    private final SourcePipeline pipeline = new SourcePipeline(
            new SourceFields("h", "s", "", ""), 900_000, batchers, () -> 7L, new AgentMetrics().source("test"));
    private final ReadGate gate = new ReadGate();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void nioTransportAcceptsLinesAndClosesCleanly() throws Exception {
        TcpInput input = TcpInput.bind("127.0.0.1", 0, transport, group, pipeline, gate, new InputErrors());
        try (Socket socket = new Socket("127.0.0.1", input.localAddress().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("one\ntwo\n".getBytes(UTF_8));
            out.flush();

            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            assertThat(batches.get(0))
                    .isEqualTo("[{\"message\":\"one\",\"status\":\"info\",\"timestamp\":7,"
                            + "\"hostname\":\"h\",\"service\":\"s\"},{\"message\":\"two\",\"status\":\"info\",\"timestamp\":7,"
                            + "\"hostname\":\"h\",\"service\":\"s\"}]");
            assertThat(input.connections()).isEqualTo(1);
            assertThat(gate.openChannels()).isEqualTo(1);
        } finally {
            input.close();
        }
        assertThat(input.connections()).isZero();
    }

    @Test
    void pausedGateStopsReadingAndResumeReadsAgain() throws Exception {
        TcpInput input = TcpInput.bind("127.0.0.1", 0, transport, group, pipeline, gate, new InputErrors());
        try (Socket socket = new Socket("127.0.0.1", input.localAddress().getPort())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.openChannels() == 1);
            gate.pause();
            // The autoRead change runs as a task on the channel's (only) loop: wait for it before writing.
            group.next().submit(() -> {}).await(5, TimeUnit.SECONDS);
            socket.getOutputStream().write("held back\n".getBytes(UTF_8));
            socket.getOutputStream().flush();
            group.next().submit(() -> {}).await(5, TimeUnit.SECONDS);
            batchers.flushAll(Duration.ofSeconds(5));
            assertThat(batches).isEmpty();

            gate.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            assertThat(batches.get(0)).contains("held back");
        } finally {
            input.close();
        }
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        TcpInput first = TcpInput.bind("127.0.0.1", 0, transport, group, pipeline, gate, new InputErrors());
        int port = first.localAddress().getPort();
        try {
            assertThatThrownBy(
                            () -> TcpInput.bind("127.0.0.1", port, transport, group, pipeline, gate, new InputErrors()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on tcp 127.0.0.1:" + port + ": ");
        } finally {
            first.close();
        }
    }

    private void collect(Batch batch) {
        try {
            batches.add(batch.json().toString(UTF_8));
        } finally {
            batch.release();
        }
    }
}
