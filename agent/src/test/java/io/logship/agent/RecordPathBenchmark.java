package io.logship.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logship.agent.encode.PayloadEncoder;
import io.logship.agent.enrich.Enricher;
import io.logship.agent.enrich.SourceFields;
import io.logship.agent.frame.LineSplitter;
import io.logship.agent.sources.SourcePipeline;
import io.logship.config.Compression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The agent's per-record path on one thread, 1000 lines of about 300 bytes per invocation: frame the lines, make
 * each a record, append it to a JSON array, compress the array with zstd level 1. {@code splice} is ours;
 * {@code reencode} is the peer (parse each line to a tree, add the fields, write it again), run in the same JVM.
 *
 * <pre>
 * ./mvnw -B -q -pl agent -am test-compile
 * java -cp "agent/target/test-classes:agent/target/classes:config/target/classes:$(cat cp.txt)" \
 *     org.openjdk.jmh.Main RecordPathBenchmark -f 1 -wi 3 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordPathBenchmark {
    private static final int LINES = 1000;

    /**
     * {@code json}: lines are JSON objects (merged); {@code lle}: JSON objects as logstash-logback-encoder writes
     * them ({@code @timestamp}, {@code level}: the record's own signals are read); {@code text}: plain lines
     * (escaped into message).
     */
    @Param({"json", "lle", "text"})
    public String kind;

    private ByteBuf input;
    private ByteBuf record;
    private ByteBuf array;
    private LineSplitter splitter;
    private Enricher enricher;
    private PayloadEncoder zstd;
    private final ObjectMapper mapper = new ObjectMapper();
    private Consumer<ByteBuf> spliceLine;
    private Consumer<ByteBuf> reencodeLine;

    @Setup(Level.Trial)
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        // A time within the intake's window (a minute ago, in +01:00), as a live application writes it.
        String recentSecond = OffsetDateTime.now(ZoneOffset.ofHours(1))
                .minusMinutes(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        String recentUtc = OffsetDateTime.now(ZoneOffset.UTC)
                .minusMinutes(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        for (int i = 0; i < LINES; i++) {
            String pad = "x".repeat(200);
            if (kind.equals("json")) {
                sb.append("{\"message\":\"request ")
                        .append(i)
                        .append(" handled ")
                        .append(pad)
                        .append("\",\"user\":\"jd\",\"request_id\":")
                        .append(i)
                        .append(",\"ok\":true}\n");
            } else if (kind.equals("lle")) {
                sb.append("{\"@timestamp\":\"")
                        .append(recentSecond)
                        .append('.')
                        .append(100 + i % 900)
                        .append("+01:00\",\"@version\":\"1\",\"message\":\"request ")
                        .append(i)
                        .append(" handled ")
                        .append(pad, 0, 120)
                        .append("\",\"logger_name\":\"com.shop.Api\",\"thread_name\":\"main\",")
                        .append("\"level\":\"")
                        .append(i % 10 == 0 ? "ERROR" : "INFO")
                        .append("\",\"level_value\":20000,\"user\":\"jd\"}\n");
            } else {
                sb.append(recentUtc)
                        .append(" INFO request ")
                        .append(i)
                        .append(" handled \"ok\" ")
                        .append(pad)
                        .append('\n');
            }
        }
        input = Unpooled.directBuffer().writeBytes(sb.toString().getBytes(UTF_8));
        record = Unpooled.buffer(1024);
        array = Unpooled.directBuffer(LINES * 512);
        splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_MESSAGE_BYTES);
        SourceFields fields = new SourceFields("host-1", "svc", "java", "env:prod,team:a");
        enricher = new Enricher(
                fields,
                System::currentTimeMillis,
                new JsonFactory(),
                SourcePipeline.MAX_RECORD_BYTES,
                () -> {},
                () -> {});
        Consumer<ByteBuf> appendRecord = this::append;
        zstd = new PayloadEncoder(Compression.ZSTD, 1, ByteBufAllocator.DEFAULT);
        spliceLine = line -> {
            try {
                enricher.enrich(line, record, appendRecord); // as the agent does: limits checked, record handed on
            } finally {
                record.clear();
                line.release();
            }
        };
        reencodeLine = line -> {
            try {
                ObjectNode node;
                try {
                    node = mapper.readValue((InputStream) new ByteBufInputStream(line.duplicate()), ObjectNode.class);
                } catch (IOException notJson) {
                    node = mapper.createObjectNode().put("message", line.toString(UTF_8));
                }
                if (!node.has("status")) {
                    node.put("status", "info");
                }
                if (!node.has("timestamp")) {
                    node.put("timestamp", System.currentTimeMillis());
                }
                node.put("hostname", "host-1")
                        .put("service", "svc")
                        .put("ddsource", "java")
                        .put("ddtags", "env:prod,team:a");
                mapper.writeValue((OutputStream) new ByteBufOutputStream(record), node);
                append(record);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                record.clear();
                line.release();
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        input.release();
        record.release();
        array.release();
        zstd.close();
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int splice() {
        return run(spliceLine);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int reencode() {
        return run(reencodeLine);
    }

    private int run(Consumer<ByteBuf> perLine) {
        array.clear().writeByte('[');
        splitter.split(input.duplicate(), true, ByteBufAllocator.DEFAULT, perLine);
        array.writeByte(']');
        ByteBuf body = zstd.encode(array);
        int n = body.readableBytes();
        body.release();
        return n;
    }

    private void append(ByteBuf r) {
        if (array.writerIndex() > 1) {
            array.writeByte(',');
        }
        array.writeBytes(r, r.readerIndex(), r.readableBytes());
    }
}
