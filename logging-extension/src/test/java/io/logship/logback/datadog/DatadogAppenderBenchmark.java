package io.logship.logback.datadog;

import io.logship.logback.context.KeyValues;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * App-thread cost of {@code log.info("msg", kv, kv, kv)} with the logship Datadog output vs logstash-logback-encoder's
 * {@code LogstashTcpSocketAppender} + {@code LogstashEncoder}, both at their defaults (drop when full), both writing
 * to a loopback sink thread that reads and discards. Each call uses its library's own key/value argument.
 *
 * <p>The tear-down prints how many events were actually written for each: a fast call that drops most events is not
 * fast logging. Run on demand (see NOTES-ext-datadog.md); surefire never runs {@code *Benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DatadogAppenderBenchmark {

    @Param({"logship", "lle"})
    public String appender;

    /** false: both at their defaults (drop when full); true: both block when full (nothing dropped). */
    @Param({"false"})
    public boolean blocking;

    private DiscardSink sink;
    private BenchAppenders bench;
    private long calls;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        sink = new DiscardSink();
        bench = new BenchAppenders(appender, sink.port(), blocking);
    }

    @Benchmark
    public void infoWithThreeKeyValues() {
        int n = i++;
        calls++;
        if (appender.equals("logship")) {
            bench.log.info(
                    "request handled",
                    KeyValues.kv("user", "jd"),
                    KeyValues.kv("request_id", n),
                    KeyValues.kv("ok", true));
        } else {
            bench.log.info(
                    "request handled",
                    StructuredArguments.kv("user", "jd"),
                    StructuredArguments.kv("request_id", n),
                    StructuredArguments.kv("ok", true));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.stop();
        long written = sink.awaitQuiet(500, 30_000);
        System.out.printf(
                "%n[%s blocking=%s] events logged %d, lines written %d (%.1f %%), bytes %d%n",
                appender, blocking, calls, written, 100.0 * written / Math.max(1, calls), sink.bytes.get());
        if (bench.appender instanceof DatadogAppender d) {
            System.out.println("[logship] " + d.getStats());
        }
        sink.close();
    }
}
