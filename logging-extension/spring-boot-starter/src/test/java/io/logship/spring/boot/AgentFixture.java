package io.logship.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.agent.Agent;
import io.logship.config.BatchLimits;
import io.logship.config.Buffer;
import io.logship.config.Compression;
import io.logship.config.ConfigLoader;
import io.logship.config.Intake;
import io.logship.config.LocalIntakeConfig;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Retry;
import io.logship.config.Secret;
import io.logship.config.SocketSource;
import io.logship.config.SourceType;
import io.logship.config.WhenFull;
import io.logship.intake.LocalIntake;
import io.logship.intake.RecordQuery;
import io.logship.intake.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * The real logship agent, in this JVM on loopback: one TCP source on an ephemeral port (plain JSON lines, as the
 * Datadog output sends them) delivering to the agent's embedded local intake, which the tests query.
 */
final class AgentFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Agent agent;
    final LocalIntake intake;

    private AgentFixture(Agent agent) {
        this.agent = agent;
        this.intake = agent.localIntake().orElseThrow();
    }

    static AgentFixture start(Path dir) throws IOException {
        LogshipConfig d = ConfigLoader.defaults();
        LogSource tcp = new SocketSource(
                SourceType.TCP,
                "127.0.0.1",
                0,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                LogSource.DEFAULT_MAX_MESSAGE_BYTES);
        LogshipConfig config = new LogshipConfig(
                Secret.absent(),
                d.site(),
                "test-host",
                List.of(),
                new Intake(Optional.empty(), Compression.ZSTD, 1, 2, Duration.ofSeconds(5)),
                new BatchLimits(1000, 5_000_000, Duration.ofMillis(50)),
                new Retry(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)),
                new Buffer(64L << 20, WhenFull.BLOCK),
                d.spool(),
                d.metrics(),
                new LocalIntakeConfig("127.0.0.1", 0, dir.resolve("intake")),
                Duration.ofSeconds(10),
                List.of(tcp));
        return new AgentFixture(Agent.start(config));
    }

    int port() {
        return agent.boundAddresses().get(0).getPort();
    }

    /** The records of {@code service} whose message contains {@code text}, oldest first. */
    List<StoredRecord> records(String service, String text) {
        RecordQuery query = RecordQuery.all().withService(service).withLimit(RecordQuery.MAX_LIMIT);
        if (text != null) {
            query = query.withText(text);
        }
        List<StoredRecord> records = new ArrayList<>(intake.query(query));
        records.sort(Comparator.comparingLong(StoredRecord::id));
        return records;
    }

    /** Waits until {@code service} has at least {@code n} records containing {@code text}; returns them. */
    List<StoredRecord> await(String service, String text, int n) {
        Awaitility.await().atMost(WAIT).until(() -> records(service, text).size() >= n);
        return records(service, text);
    }

    static JsonNode json(StoredRecord record) {
        try {
            return JSON.readTree(record.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
