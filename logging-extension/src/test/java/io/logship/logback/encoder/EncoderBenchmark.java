package io.logship.logback.encoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.event.KeyValuePair;

/**
 * Encoding one event with 3 key/value pairs: logship text and JSON vs logback's PatternLayout and
 * logstash-logback-encoder's LogstashEncoder, in the same run. Run on demand (see NOTES / README "Performance"):
 *
 * <pre>
 * ./mvnw -q -pl logging-extension -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * cd logging-extension &amp;&amp; java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main \
 *     EncoderBenchmark -f 1 -wi 2 -i 3 -r 1s -w 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncoderBenchmark {

    private ILoggingEvent event;
    private Encoder<ILoggingEvent> logshipText;
    private Encoder<ILoggingEvent> logshipJson;
    private Encoder<ILoggingEvent> logbackPattern;
    private Encoder<ILoggingEvent> logstash;

    @Setup
    public void setUp() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger logger = context.getLogger("com.acme.billing.PaymentService");
        LoggingEvent e = new LoggingEvent(
                Logger.class.getName(), logger, Level.INFO, "payment {} accepted", null, new Object[] {"p-123"});
        e.setThreadName("main");
        e.setKeyValuePairs(List.of(
                new KeyValuePair("user", "jd"),
                new KeyValuePair("request_id", "r-42"),
                new KeyValuePair("amount", 1250)));
        e.prepareForDeferredProcessing();
        event = e;

        TextEncoder text = new TextEncoder();
        logshipText = start(text, context);
        logshipJson = start(new JsonEncoder(), context);
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setPattern("%d{\"yyyy-MM-dd HH:mm:ss,SSS\"} %-8level %logger %kvp: %msg%n");
        logbackPattern = start(pattern, context);
        logstash = start(new LogstashEncoder(), context);
    }

    private static Encoder<ILoggingEvent> start(Encoder<ILoggingEvent> encoder, LoggerContext context) {
        encoder.setContext(context);
        encoder.start();
        if (!encoder.isStarted()) {
            throw new IllegalStateException(encoder + " did not start");
        }
        return encoder;
    }

    @Benchmark
    public byte[] logshipText() {
        return logshipText.encode(event);
    }

    @Benchmark
    public byte[] logbackPatternLayout() {
        return logbackPattern.encode(event);
    }

    @Benchmark
    public byte[] logshipJson() {
        return logshipJson.encode(event);
    }

    @Benchmark
    public byte[] logstashEncoder() {
        return logstash.encode(event);
    }
}
