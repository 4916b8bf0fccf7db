package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.logship.logback.context.KeyValues;
import io.logship.logback.encoder.RecordBuffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writer-thread cost of encoding one event: {@link DatadogJsonEncoder} vs logstash-logback-encoder's
 * {@code LogstashEncoder}, on the same event ({@code "request handled"} + three key/values, each library's own kv).
 * Run on demand; surefire never runs {@code *Benchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DatadogJsonEncoderBenchmark {

    private LoggingEvent logshipEvent;
    private LoggingEvent lleEvent;
    private RecordBuffer buffer;
    private DatadogJsonEncoder encoder;
    private LogstashEncoder lle;

    @Setup
    public void setUp() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger logger = context.getLogger("bench.App");
        logshipEvent =
                new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "request handled", null, new Object[] {
                    KeyValues.kv("user", "jd"), KeyValues.kv("request_id", 42), KeyValues.kv("ok", true)
                });
        logshipEvent.prepareForDeferredProcessing();
        lleEvent = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "request handled", null, new Object[] {
            StructuredArguments.kv("user", "jd"),
            StructuredArguments.kv("request_id", 42),
            StructuredArguments.kv("ok", true)
        });
        lleEvent.prepareForDeferredProcessing();
        buffer = new RecordBuffer();
        encoder = new DatadogJsonEncoder(buffer, "bench", "bench-host", "java", "env:prod");
        lle = new LogstashEncoder();
        lle.setContext(context);
        lle.start();
    }

    @Benchmark
    public int logship() throws IOException {
        buffer.reset();
        encoder.encode(logshipEvent, Integer.MAX_VALUE);
        return buffer.size();
    }

    @Benchmark
    public int logstashEncoder() {
        return lle.encode(lleEvent).length;
    }
}
