package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.encoder.RecordBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.KeyValuePair;

/** The writer's retry loop against a scripted connection: deterministic failures, exact outcomes. */
@Timeout(30)
class DatadogWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A connection whose failures are scripted; records what reached the "wire". */
    static final class ScriptedConnection implements Connection {
        final List<String> written = new CopyOnWriteArrayList<>();
        final AtomicInteger connectFailuresLeft = new AtomicInteger();
        final AtomicInteger writeFailuresLeft = new AtomicInteger();
        final AtomicInteger partialWritesLeft = new AtomicInteger();
        int maxRecordBytes = Integer.MAX_VALUE;
        volatile boolean open;

        @Override
        public void open() throws IOException {
            if (connectFailuresLeft.getAndDecrement() > 0) {
                throw new IOException("refused (scripted)");
            }
            open = true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void checkPeer() throws IOException {
            if (!open) {
                throw new IOException("not open");
            }
        }

        @Override
        public void write(RecordBuffer buffer, int[] ends, int count) throws IOException {
            if (writeFailuresLeft.getAndDecrement() > 0) {
                open = false;
                throw new IOException("reset (scripted)");
            }
            int keep = partialWritesLeft.getAndDecrement() > 0 ? Math.min(1, count) : count;
            int start = 0;
            for (int i = 0; i < keep; i++) {
                written.add(new String(buffer.copy(start, ends[i]), StandardCharsets.UTF_8));
                start = ends[i];
            }
            if (keep < count) {
                open = false;
                throw new IOException("broken after the first record (scripted)");
            }
        }

        @Override
        public int maxRecordBytes() {
            return maxRecordBytes;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("app");
    private final ContextAwareBase status = new ContextAwareBase();
    private final DeliveryStats stats = new DeliveryStats();
    private final ScriptedConnection connection = new ScriptedConnection();
    private final RecordQueue<ILoggingEvent> queue = new RecordQueue<>(1000, 1 << 20, WhenQueueFull.DROP_NEWEST, 0);
    private Thread thread;
    private DatadogWriter writer;

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
        status.setContext(context);
    }

    private void startWriter() {
        RecordBuffer buffer = new RecordBuffer();
        writer = new DatadogWriter(
                queue,
                connection,
                new ReconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5)),
                stats,
                status,
                buffer,
                new DatadogJsonEncoder(buffer, null, null, "java", null));
        thread = new Thread(writer, "writer-under-test");
        thread.start();
    }

    @AfterEach
    void stopWriter() throws Exception {
        if (writer != null) {
            writer.abort();
            thread.join(5_000);
        }
    }

    private void enqueue(int from, int to) {
        for (int i = from; i < to; i++) {
            LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "m", null, null);
            e.addKeyValuePair(new KeyValuePair("seq", i));
            e.prepareForDeferredProcessing();
            assertThat(queue.offer(e, 100)).isTrue();
        }
    }

    private List<Integer> writtenSeqs() throws IOException {
        List<Integer> seqs = new ArrayList<>();
        for (String line : connection.written) {
            var json = JSON.readTree(line);
            if (json.has("seq")) {
                seqs.add(json.get("seq").asInt());
            }
        }
        return seqs;
    }

    private List<String> warnings() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.WARN)
                .map(Status::getMessage)
                .toList();
    }

    @Test
    void keepsRecordsQueuedWhileConnectsFailThenSendsThemInOrder() throws Exception {
        connection.connectFailuresLeft.set(3);
        enqueue(0, 50);

        startWriter();

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 50);
        assertThat(writtenSeqs()).isEqualTo(DatadogAppenderTcpTest.range(0, 50));
        assertThat(stats.getConnectFailures()).isEqualTo(3);
        assertThat(warnings()).filteredOn(w -> w.startsWith("Cannot connect")).hasSize(3);
    }

    @Test
    void resendsTheWholeBatchAfterAFailedWrite() throws Exception {
        connection.writeFailuresLeft.set(2);
        enqueue(0, 20);

        startWriter();

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 20);
        assertThat(writtenSeqs()).isEqualTo(DatadogAppenderTcpTest.range(0, 20));
        assertThat(stats.getWriteFailures()).isEqualTo(2);
        assertThat(stats.getDroppedTotal()).isZero();
        assertThat(queue.size()).isZero();
    }

    @Test
    void aPartlyWrittenBatchIsResentWholeSoTheFirstRecordArrivesTwice() throws Exception {
        connection.partialWritesLeft.set(1);
        enqueue(0, 5);

        startWriter();

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 6);
        assertThat(writtenSeqs()).containsExactly(0, 0, 1, 2, 3, 4);
    }

    @Test
    void dropsAndCountsARecordTooBigForTheLinkEvenTruncated() throws Exception {
        connection.maxRecordBytes = 600;
        LoggingEvent big = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "m", null, null);
        big.addKeyValuePair(new KeyValuePair("blob", "b".repeat(2_000)));
        queue.offer(big, 100);
        enqueue(0, 1);

        startWriter();

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 2);
        assertThat(writtenSeqs()).containsExactly(0);
        assertThat(stats.getDropped(DeliveryStats.DropReason.OVERSIZE_DATAGRAM)).isEqualTo(1);
        assertThat(connection.written.get(1)).contains("\"dropped_oversize_datagram\":1");
    }

    @Test
    void dropsAndCountsARecordThatFailsToEncode() throws Exception {
        LoggingEvent bad = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "m", null, null) {
            @Override
            public String getThreadName() {
                throw new IllegalStateException("broken event");
            }
        };
        queue.offer(bad, 100);
        enqueue(0, 2);

        startWriter();

        await().atMost(Duration.ofSeconds(10)).until(() -> writtenSeqs().size() >= 2);
        assertThat(writtenSeqs()).containsExactly(0, 1);
        assertThat(stats.getDropped(DeliveryStats.DropReason.ENCODING_FAILED)).isEqualTo(1);
        assertThat(warnings()).anyMatch(w -> w.startsWith("Dropped a record that failed to encode (1 so far)"));
    }

    @Test
    void aStrayInterruptDoesNotStopTheWriter() throws Exception {
        startWriter();
        enqueue(0, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 1);

        thread.interrupt();
        enqueue(1, 2);

        await().atMost(Duration.ofSeconds(10)).until(() -> connection.written.size() >= 2);
        assertThat(thread.isAlive()).isTrue();
    }
}
