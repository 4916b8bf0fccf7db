package io.logship.agent;

import static io.logship.agent.AgentHarness.config;
import static io.logship.agent.AgentHarness.sendTcp;
import static io.logship.agent.AgentHarness.tcp;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.agent.frame.LineSplitter;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.SourcePipeline;
import io.logship.intake.LocalIntake;
import io.logship.intake.LocalIntakeOptions;
import io.logship.intake.StoredRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines the intake would refuse or the batcher would drop as sent: a JSON object nested 1000 deep, and lines whose
 * escaped record is far larger than the line. The real agent, the real local intake, loopback.
 */
@Tag("fault")
class RecordLimitsFaultTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLAG = new String(LineSplitter.TRUNCATED_FLAG, UTF_8);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void oneLineNested1000DeepAmong999GoodOnesIsDeliveredAsTextAndNothingIsLost() throws Exception {
        LocalIntake intake = intake();
        Agent agent = start(config(intake.logsUrl(), List.of(tcp("deep", 900_000))));
        String deep = "{\"a\":".repeat(999) + "{}" + "}".repeat(999); // 1000 levels; 1001 in a batch
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            String line = i == 500 ? deep : "{\"message\":\"good\",\"seq\":" + i + "}";
            lines.write((line + "\n").getBytes(UTF_8));
        }

        sendTcp(agent.boundAddresses().get(0), lines.toByteArray());

        List<StoredRecord> records = AgentHarness.awaitRecords(intake, 1000);
        assertThat(records).hasSize(1000);
        assertThat(records.stream().filter(r -> deep.equals(r.message()))).hasSize(1);
        assertThat(records.stream().filter(r -> "good".equals(r.message()))).hasSize(999);
        SourceMeters meters = agent.metrics().source("tcp:127.0.0.1:0");
        assertThat(meters.reencodedNesting.count()).isEqualTo(1.0);
        assertThat(agent.drops().total()).isZero();
        assertThat(agent.metrics().droppedCount(DropReason.INTAKE_BAD_REQUEST)).isZero();
        assertThat(intake.routeStats().get("/api/v2/logs")).doesNotContainKey(400);
        FaultTable.row(
                "one JSON line nested 1000 deep among 999 good lines",
                1000,
                records.size(),
                0,
                0,
                "the deep line is sent as a text message (records_reencoded{reason=nesting} = 1); no 400");
    }

    @Test
    void an899000ByteLineOfControlCharactersIsChunkedWithinTheLimitsNeverDropped() throws Exception {
        LocalIntake intake = intake();
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("ctl", 900_000)));
        config.maxInFlight = 1; // the chunks arrive in order
        Agent agent = start(config);
        byte[] line = new byte[899_000];
        Arrays.fill(line, (byte) 1); // escaped: 6 bytes each, 5.39 MB
        byte[] framed = Arrays.copyOf(line, line.length + 1);
        framed[line.length] = '\n';

        sendTcp(agent.boundAddresses().get(0), framed);

        // 5,394,000 bytes escaped in records of at most 1,000,000 bytes: 6 chunks (5 cannot hold it, 6 do).
        int expected = 6;
        List<StoredRecord> records = AgentHarness.awaitRecords(intake, expected);
        assertThat(records).hasSize(expected);
        assertThat(records)
                .allSatisfy(r -> assertThat(r.json().getBytes(UTF_8).length)
                        .isLessThanOrEqualTo(SourcePipeline.MAX_RECORD_BYTES));
        assertThat(joined(records)).isEqualTo(new String(line, UTF_8));
        assertThat(agent.metrics().droppedCount(DropReason.RECORD_TOO_LARGE)).isZero();
        assertThat(agent.recordsDroppedOversize()).isZero();
        assertThat(agent.metrics().source("tcp:127.0.0.1:0").reencodedSize.count())
                .isEqualTo(1.0);
        FaultTable.row(
                "one 899,000-byte line of control characters (5.39 MB escaped)",
                1,
                1,
                0,
                0,
                "delivered as " + records.size() + " ...TRUNCATED... chunks, each record <= 1,000,000 bytes as sent");
    }

    @Test
    void aJsonLineWhoseEscapedSizePassesTheBatchLimitIsChunkedNeverDropped() throws Exception {
        LocalIntake intake = intake();
        AgentHarness.Config config = config(intake.logsUrl(), List.of(tcp("q", 900_000)));
        config.maxBatchBytes = 64 << 10; // records must fit 64 KiB batches
        config.maxInFlight = 1; // the chunks arrive in order
        Agent agent = start(config);
        // A JSON array line (not an object: it becomes a text message): every quote escapes to two bytes.
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; sb.length() < 50_000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"\\\"\"");
        }
        String json = sb.append(']').toString(); // 50 kB as a line, over 75 kB escaped
        // And a JSON object line too deep to keep, 60 kB as a line, about 90 kB escaped.
        String deep = "{\"a\":".repeat(12_000) + "1" + "}".repeat(12_000);

        sendTcp(agent.boundAddresses().get(0), (json + "\n" + deep + "\n").getBytes(UTF_8));

        int limit = SourcePipeline.maxRecordBytes(config.maxBatchBytes);
        List<StoredRecord> records = AgentHarness.awaitRecords(intake, 4);
        assertThat(records).hasSize(4); // two chunks each
        assertThat(records)
                .allSatisfy(r -> assertThat(r.json().getBytes(UTF_8).length).isLessThanOrEqualTo(limit));
        assertThat(joined(records.subList(0, 2))).isEqualTo(json);
        assertThat(joined(records.subList(2, 4))).isEqualTo(deep);
        assertThat(agent.metrics().droppedCount(DropReason.RECORD_TOO_LARGE)).isZero();
        assertThat(agent.drops().total()).isZero();
        FaultTable.row(
                "JSON lines of 50-60 kB, 75-90 kB escaped, with batch.max_bytes 64 KiB",
                2,
                2,
                0,
                0,
                "each delivered as 2 ...TRUNCATED... chunks within the batch limit (was: record_too_large)");
    }

    /** The messages of consecutive chunks of one line, markers removed. */
    private static String joined(List<StoredRecord> chunks) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            String m = MAPPER.readTree(chunks.get(i).json()).get("message").asText();
            if (i > 0) {
                assertThat(m).startsWith(FLAG);
                m = m.substring(FLAG.length());
            }
            if (i < chunks.size() - 1) {
                assertThat(m).endsWith(FLAG);
                m = m.substring(0, m.length() - FLAG.length());
            }
            sb.append(m);
        }
        return sb.toString();
    }

    private Agent start(AgentHarness.Config config) throws IOException {
        Agent agent = Agent.start(config.build());
        open.add(agent);
        return agent;
    }

    private LocalIntake intake() throws IOException {
        LocalIntake intake = LocalIntake.start(LocalIntakeOptions.builder(dir.resolve("intake"))
                .host("127.0.0.1")
                .port(0)
                .build());
        open.add(intake);
        return intake;
    }
}
