package io.logship.logback.datadog;

import io.logship.logback.context.KeyValues;
import net.logstash.logback.argument.StructuredArguments;

/**
 * Records per second from one application thread to a loopback sink that reads and discards, with nothing dropped
 * (logship: BLOCK_WITH_TIMEOUT; LLE: appendTimeout -1, blocking). Records are about 300 bytes of JSON.
 *
 * <pre>java -cp ... io.logship.logback.datadog.DatadogThroughput [records=2000000] [logship|lle|both]</pre>
 *
 * Not a test; run on demand.
 */
public final class DatadogThroughput {

    private DatadogThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        String which = args.length > 1 ? args[1] : "both";
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT up
            if (!which.equals("lle")) {
                run("logship", records, round == 1);
            }
            if (!which.equals("logship")) {
                run("lle", records, round == 1);
            }
        }
    }

    private static void run(String kind, int records, boolean print) throws Exception {
        try (DiscardSink sink = new DiscardSink()) {
            BenchAppenders bench = new BenchAppenders(kind, sink.port(), true);
            // ~150 chars of message: with the fixed fields the JSON line is about 300 bytes.
            String message = "GET /api/v1/orders/12345 completed with status 200 after 12 ms; cache hit ratio was"
                    + " fine and nothing unusual happened in this request at all, ok";
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                if (kind.equals("logship")) {
                    bench.log.info(message, KeyValues.kv("user", "jd"), KeyValues.kv("request_id", i));
                } else {
                    bench.log.info(
                            message, StructuredArguments.kv("user", "jd"), StructuredArguments.kv("request_id", i));
                }
            }
            long logged = System.nanoTime() - start;
            while (sink.lines.get() < records && System.nanoTime() - start < 120_000_000_000L) {
                Thread.onSpinWait();
            }
            long done = System.nanoTime() - start;
            long lines = sink.lines.get();
            bench.stop();
            if (print) {
                System.out.printf(
                        "[%s] %d records, %d received, %.0f records/s end to end (%.1f MB/s, %.0f bytes"
                                + "/record), app thread done after %.0f ms%n",
                        kind,
                        records,
                        lines,
                        lines / (done / 1e9),
                        sink.bytes.get() / (done / 1e9) / 1e6,
                        (double) sink.bytes.get() / Math.max(1, lines),
                        logged / 1e6);
            }
        }
    }
}
