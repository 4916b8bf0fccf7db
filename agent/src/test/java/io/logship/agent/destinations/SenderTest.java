package io.logship.agent.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.agent.batch.Batch;
import io.logship.agent.batch.BatchQueue;
import io.logship.agent.destinations.intake.HttpConnection;
import io.logship.agent.destinations.intake.IntakeDestination;
import io.logship.agent.destinations.intake.IntakeEndpoint;
import io.logship.agent.destinations.intake.IntakeRequests;
import io.logship.agent.encode.PayloadEncoder;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.sources.Transport;
import io.logship.config.Compression;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SenderTest {
    private final Transport transport = Transport.nio();
    private final EventLoopGroup group = transport.newGroup(1, "sender-test");
    private final SendCounters counters = new SendCounters();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void batchThatCannotBeEncodedIsCountedAndTheSenderGoesOn() throws Exception {
        Sender sender = sender(closedPort(), 1);
        ByteBuf freed = Unpooled.buffer().writeByte('[');
        freed.release(); // encoding a released buffer fails

        sender.deliver(new Batch(freed, 3));

        assertThat(counters.drops().byReason()).containsEntry(DropReason.ENCODE_FAILED, 3L);
    }

    @Test
    void unreachableIntakeIsRetriedThenDroppedAndCounted() throws Exception {
        Sender sender = sender(closedPort(), 3);
        Batch batch = new Batch(Unpooled.copiedBuffer("[{}]", StandardCharsets.UTF_8), 1);

        sender.deliver(batch);

        assertThat(counters.retries()).isEqualTo(3);
        assertThat(counters.drops().byReason()).containsEntry(DropReason.RETRIES_EXHAUSTED, 1L);
        assertThat(counters.recordsSent()).isZero();
    }

    @Test
    void unboundedRetriesStopPromptlyWhenInterruptedAndCountTheBatch() throws Exception {
        BatchQueue queue = queue();
        Sender sender = sender(closedPort(), Sender.UNBOUNDED_ATTEMPTS, queue);
        queue.offer(new Batch(Unpooled.copiedBuffer("[{}]", StandardCharsets.UTF_8), 1));
        Thread thread = new Thread(sender, "sender-under-test");
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> counters.retries() >= 20);

        long start = System.nanoTime();
        thread.interrupt();
        thread.join(5000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(counters.drops().byReason()).containsOnly(Assertions.entry(DropReason.SHUTDOWN, 1L));
    }

    @Test
    void aConnectThatFailsBeforeTheChannelRegistersIsRetriedUntilDelivered(@TempDir Path dir) throws Exception {
        // As with EMFILE: the socket cannot be created, Netty hands back a channel that never registered.
        AtomicInteger failuresLeft = new AtomicInteger(3);
        ReflectiveChannelFactory<Channel> real = new ReflectiveChannelFactory<>(transport.socketChannel());
        ChannelFactory<Channel> flaky = () -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new ChannelException("newSocketStream(..) failed: Too many open files");
            }
            return real.newChannel();
        };
        try (LocalIntake intake =
                LocalIntake.start(LocalIntakeOptions.builder(dir).port(0).build())) {
            HttpConnection connection = new HttpConnection(
                    new Bootstrap().group(group).channelFactory(flaky),
                    new IntakeRequests(IntakeEndpoint.of(intake.logsUrl()), null, Compression.NONE),
                    null);
            RetryPolicy fast = new RetryPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(5), () -> 0.5);
            BackoffState backoff = new BackoffState(fast);
            Sender sender = new Sender(
                    new QueueSource(queue()),
                    intake(connection, backoff),
                    backoff,
                    counters,
                    Sender.UNBOUNDED_ATTEMPTS);

            sender.deliver(new Batch(Unpooled.copiedBuffer("[{\"message\":\"m\"}]", StandardCharsets.UTF_8), 1));

            assertThat(counters.retries()).isEqualTo(3);
            assertThat(counters.recordsSent()).isEqualTo(1);
            assertThat(counters.drops().total()).isZero();
            connection.close(); // and closing after such failures does not throw either
        }
    }

    @Test
    void negativeMaxAttemptsIsRefused() {
        Assertions.assertThatThrownBy(() -> sender(1, -1, queue()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be >= 0: -1");
    }

    private static BatchQueue queue() {
        return new BatchQueue(1 << 20, new BatchQueue.FlowListener() {
            @Override
            public void pause() {}

            @Override
            public void resume() {}
        });
    }

    private Sender sender(int port, int maxAttempts) {
        return sender(port, maxAttempts, queue());
    }

    private Sender sender(int port, int maxAttempts, BatchQueue queue) {
        IntakeEndpoint endpoint = IntakeEndpoint.of(URI.create("http://127.0.0.1:" + port + "/api/v2/logs"));
        HttpConnection connection = new HttpConnection(
                new Bootstrap().group(group).channel(transport.socketChannel()),
                new IntakeRequests(endpoint, null, Compression.NONE),
                null);
        RetryPolicy fast = new RetryPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(5), () -> 0.5);
        BackoffState backoff = new BackoffState(fast);
        return new Sender(new QueueSource(queue), intake(connection, backoff), backoff, counters, maxAttempts);
    }

    private IntakeDestination intake(HttpConnection connection, BackoffState backoff) {
        return new IntakeDestination(
                new PayloadEncoder(Compression.NONE, 0, ByteBufAllocator.DEFAULT),
                connection,
                backoff.health(),
                counters,
                Duration.ofSeconds(2));
    }

    /** A port nothing listens on (bound, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
