package io.logship.agent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import io.logship.agent.encode.PayloadEncoder;
import io.logship.agent.enrich.Enricher;
import io.logship.agent.enrich.SourceFields;
import io.logship.agent.frame.LineSplitter;
import io.logship.config.Compression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * {@link RecordPathBenchmark}'s splice path measured in thread CPU time instead of wall time, which a machine shared
 * with other builds inflates (JMH's errors there were ±50 %): per kind ({@code json}, {@code lle}, {@code text}, the
 * same lines), the best of R rounds of N invocations of 1000 lines; "enrich" is frame + enrich, "path" adds the JSON
 * array and zstd as {@code RecordPathBenchmark.splice} does. Run one JVM per kind (JIT profiles differ):
 *
 * <pre>
 * ./mvnw -B -q -pl agent -am test-compile
 * for k in json lle text; do java -cp "agent/target/test-classes:agent/target/classes:config/target/classes:\
 *     schema/target/classes:$(cat cp.txt)" io.logship.agent.RecordPathCpuBenchmark 15 200 $k; done
 * </pre>
 */
public final class RecordPathCpuBenchmark {
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "15");
        int invocations = Integer.parseInt(args.length > 1 ? args[1] : "300");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] kinds = args.length > 2 ? new String[] {args[2]} : new String[] {"json", "lle", "text"};
        for (String kind : kinds) {
            for (boolean compress : new boolean[] {false, true}) {
                Path p = new Path(kind, compress);
                for (int i = 0; i < invocations * 3; i++) {
                    p.run(); // warm-up
                }
                long best = Long.MAX_VALUE;
                for (int r = 0; r < rounds; r++) {
                    long start = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < invocations; i++) {
                        p.run();
                    }
                    best = Math.min(best, mx.getCurrentThreadCpuTime() - start);
                }
                System.out.printf(
                        "%s %s %.1f ns/record (CPU, best of %d x %d x 1000)%n",
                        kind, compress ? "path" : "enrich", best / (invocations * 1000.0), rounds, invocations);
            }
        }
    }

    static final class Path {
        final ByteBuf input;
        final ByteBuf record = Unpooled.buffer(1024);
        final ByteBuf array = Unpooled.directBuffer(1000 * 512);
        final LineSplitter splitter = new LineSplitter(LineSplitter.DEFAULT_MAX_MESSAGE_BYTES);
        final Enricher enricher;
        final PayloadEncoder zstd = new PayloadEncoder(Compression.ZSTD, 1, ByteBufAllocator.DEFAULT);
        final boolean compress;
        final Consumer<ByteBuf> line;

        Path(String kind, boolean compress) {
            this.compress = compress;
            StringBuilder sb = new StringBuilder();
            // A time within the intake's window (a minute ago, in +01:00), as a live application writes it.
            String recentSecond = OffsetDateTime.now(ZoneOffset.ofHours(1))
                    .minusMinutes(1)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            String recentUtc = OffsetDateTime.now(ZoneOffset.UTC)
                    .minusMinutes(1)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            String pad = "x".repeat(200);
            for (int i = 0; i < 1000; i++) {
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
            enricher = new Enricher(
                    new SourceFields("host-1", "svc", "java", "env:prod,team:a"),
                    System::currentTimeMillis,
                    new JsonFactory(),
                    1_000_000,
                    () -> {},
                    () -> {});
            Consumer<ByteBuf> append = r -> {
                if (array.writerIndex() > 1) {
                    array.writeByte(',');
                }
                array.writeBytes(r, r.readerIndex(), r.readableBytes());
            };
            line = l -> {
                try {
                    enricher.enrich(l, record, append);
                } finally {
                    record.clear();
                    l.release();
                }
            };
        }

        void run() {
            array.clear().writeByte('[');
            splitter.split(input.duplicate(), true, ByteBufAllocator.DEFAULT, line);
            array.writeByte(']');
            if (compress) {
                zstd.encode(array).release();
            }
        }
    }
}
