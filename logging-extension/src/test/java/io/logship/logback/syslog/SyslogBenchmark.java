package io.logship.logback.syslog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.event.KeyValuePair;

/**
 * One INFO event with 3 key/value pairs sent as a UDP syslog datagram to a loopback socket nobody reads (the
 * kernel drops what overflows; the send is still a full syscall): logship's RFC 5424 {@link SyslogAppender} vs
 * logback's own RFC 3164 {@code ch.qos.logback.classic.net.SyslogAppender}, in the same run. Also the formatting
 * step alone. Run on demand:
 *
 * <pre>
 * ./mvnw -q -pl logging-extension -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * cd logging-extension &amp;&amp; java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main \
 *     SyslogBenchmark -f 1 -wi 2 -i 3 -r 1s -w 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyslogBenchmark {
    private DatagramChannel sink;
    private LoggingEvent event;
    private SyslogAppender logship;
    private LogbackSyslogAppender logback;
    private Rfc5424Formatter formatter;
    private List<KeyValuePair> keyValues;

    @Setup
    public void setUp() throws IOException {
        sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) sink.getLocalAddress()).getPort();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger logger = context.getLogger("com.acme.billing.PaymentService");
        event = new LoggingEvent(
                Logger.class.getName(), logger, Level.INFO, "payment {} accepted", null, new Object[] {"p-123"});
        event.setThreadName("main");
        keyValues = List.of(
                new KeyValuePair("user", "jd"),
                new KeyValuePair("request_id", "r-42"),
                new KeyValuePair("amount", 1250));
        event.setKeyValuePairs(keyValues);
        event.prepareForDeferredProcessing();

        logship = new SyslogAppender();
        logship.setContext(context);
        logship.setPort(port);
        logship.setProgramName("bench");
        logship.setHostname("host-1");
        logship.start();
        logback = new LogbackSyslogAppender();
        logback.setContext(context);
        logback.setSyslogHost("127.0.0.1");
        logback.setPort(port);
        logback.setFacility("USER");
        logback.setSuffixPattern("bench: %msg %kvp");
        logback.start();
        if (!logship.isStarted() || !logback.isStarted()) {
            throw new IllegalStateException(
                    "appenders did not start: " + context.getStatusManager().getCopyOfStatusList());
        }
        formatter = new Rfc5424Formatter(Facility.USER, "host-1", "bench", "1", null, Rfc5424Formatter.DEFAULT_SD_ID);
    }

    @TearDown
    public void tearDown() throws IOException {
        logship.stop();
        logback.stop();
        sink.close();
    }

    @Benchmark
    public void logshipUdp() {
        logship.doAppend(event);
    }

    @Benchmark
    public void logbackUdp() {
        logback.doAppend(event);
    }

    @Benchmark
    public byte[] logshipFormatOnly() {
        return formatter
                .format(Severity.INFO, event.getTimeStamp(), keyValues, event.getFormattedMessage(), 2048)
                .bytes();
    }

    @Benchmark
    public String logbackLayoutOnly() {
        return logback.getLayout().doLayout(event);
    }
}
