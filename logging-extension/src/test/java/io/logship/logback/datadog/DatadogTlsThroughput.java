package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.util.Duration;
import io.logship.logback.context.KeyValues;
import io.logship.logback.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Datadog output's records per second over TLS and over plain TCP, same run, same JVM: one application thread
 * to a loopback sink that reads and discards, nothing dropped (BLOCK_WITH_TIMEOUT). Records are about 300 bytes.
 *
 * <pre>java -cp ... io.logship.logback.datadog.DatadogTlsThroughput [records=1000000]</pre>
 *
 * Not a test; run on demand.
 */
public final class DatadogTlsThroughput {

    private DatadogTlsThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("logship-tls-bench");
        TestPki pki = new TestPki(dir);
        TestPki.Issued ca = pki.ca("bench-ca");
        TestPki.Issued server = pki.leaf("bench-agent", ca);
        for (int round = 0; round < 3; round++) { // round 0 warms the JIT up
            double plain = run(null, null, records);
            double tls = run(server, ca, records);
            if (round > 0) {
                System.out.printf(
                        "round %d: plain %.0f records/s, tls %.0f records/s, tls/plain %.2f%n",
                        round, plain, tls, tls / plain);
            }
        }
    }

    private static double run(TestPki.Issued server, TestPki.Issued ca, int records) throws Exception {
        try (DiscardSink sink = server == null ? new DiscardSink() : DiscardSink.tls(server.serverContext(null))) {
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            DatadogAppender a = new DatadogAppender();
            a.setContext(context);
            a.setPort(sink.port());
            a.setHost("127.0.0.1");
            a.setShutdownHook(false);
            a.setService("bench");
            a.setHostname("bench-host");
            a.setWhenFull(WhenQueueFull.BLOCK_WITH_TIMEOUT);
            a.setBlockTimeout(Duration.buildBySeconds(60));
            if (ca != null) {
                a.setTls(true);
                a.setTlsCaFile(ca.certFile().toString());
            }
            a.start();
            Logger log = context.getLogger("bench.App");
            log.setLevel(Level.INFO);
            log.setAdditive(false);
            log.addAppender(a);
            String message = "GET /api/v1/orders/12345 completed with status 200 after 12 ms; cache hit ratio was"
                    + " fine and nothing unusual happened in this request at all, ok";
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                log.info(message, KeyValues.kv("user", "jd"), KeyValues.kv("request_id", i));
            }
            while (sink.lines.get() < records && System.nanoTime() - start < 120_000_000_000L) {
                Thread.onSpinWait();
            }
            long done = System.nanoTime() - start;
            long lines = sink.lines.get();
            a.stop();
            context.stop();
            return lines / (done / 1e9);
        }
    }
}
