package io.logship.intake;

import com.github.luben.zstd.Zstd;
import com.sun.management.OperatingSystemMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A load generator for the local intake, run on demand (never in the test phase):
 *
 * <pre>
 * java -cp agent/target/test-classes:agent/target/classes:$(cat cp.txt) \
 *     io.logship.intake.IntakeLoadBenchmark [discard|store|parse] [zstd|gzip|identity] [connections] [seconds] \
 *     [records per request]
 * </pre>
 *
 * <p>{@code discard}/{@code store} start an in-process intake on an ephemeral port (a fresh temp directory) and
 * drive it over loopback with keep-alive HTTP/1.1 from a minimal raw-socket client (pre-built request bytes, so
 * the client costs little CPU). {@code parse} is the peer: the same decode + validate work in a plain loop, no HTTP,
 * which is the ceiling for discard mode. Each request carries 1,000 Datadog-Agent-shaped records by default (about
 * 240 KB uncompressed); fewer records per request weigh the per-request costs (one store commit per request).
 * Prints requests/s, records/s and uncompressed MiB/s.
 */
public final class IntakeLoadBenchmark {
    private static final int DEFAULT_RECORDS_PER_REQUEST = 1000;
    private static int recordsPerRequest = DEFAULT_RECORDS_PER_REQUEST;
    /** Long enough for C2 to compile the parser and H2's insert path; shorter runs understate store mode 5-10x. */
    private static final int WARM_UP_SECONDS = 8;

    private IntakeLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "discard";
        String encoding = args.length > 1 ? args[1] : "zstd";
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        recordsPerRequest = args.length > 4 ? Integer.parseInt(args[4]) : DEFAULT_RECORDS_PER_REQUEST;

        byte[] json = payload(recordsPerRequest);
        byte[] body = compress(encoding, json);
        System.out.printf(
                Locale.ROOT,
                "payload: %d records, %d bytes uncompressed, %d bytes %s%n",
                recordsPerRequest,
                json.length,
                body.length,
                encoding);

        if (mode.equals("parse")) {
            parseLoop(encoding, body, json.length, seconds);
            return;
        }
        Path directory = Files.createTempDirectory("intake-bench");
        LocalIntakeOptions options = LocalIntakeOptions.builder(directory)
                .port(0)
                .mode(
                        mode.equals("store")
                                ? LocalIntakeOptions.StorageMode.STORE
                                : LocalIntakeOptions.StorageMode.DISCARD)
                .build();
        try (LocalIntake intake = LocalIntake.start(options)) {
            System.out.println(LocalIntakeMain.describe(intake));
            drive(intake.logsUrl(), encoding, body, json.length, connections, WARM_UP_SECONDS, "warm-up");
            intake.resetStats();
            drive(intake.logsUrl(), encoding, body, json.length, connections, seconds, mode);
            System.out.printf(
                    Locale.ROOT,
                    "intake counted %d records accepted, %d stored%n",
                    intake.recordsAccepted(),
                    intake.count(RecordQuery.all()));
        } finally {
            deleteRecursively(directory); // store runs write hundreds of MB
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void parseLoop(String encoding, byte[] body, int uncompressed, int seconds) throws Exception {
        BodyDecoder decoder = new BodyDecoder(LocalIntakeOptions.DEFAULT_MAX_BODY_BYTES);
        LogArrayParser parser = new LogArrayParser();
        ContentEncoding contentEncoding = ContentEncoding.of(encoding);
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        long deadline = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            parser.count(decoder.decode(contentEncoding, buf));
        }
        long start = System.nanoTime();
        deadline = start + seconds * 1_000_000_000L;
        long requests = 0;
        while (System.nanoTime() < deadline) {
            requests += parser.count(decoder.decode(contentEncoding, buf)) > 0 ? 1 : 0;
        }
        report("parse (1 thread, no HTTP)", requests, uncompressed, System.nanoTime() - start);
    }

    private static void drive(
            URI url, String encoding, byte[] body, int uncompressed, int connections, int seconds, String label)
            throws Exception {
        byte[] request = request(url, encoding, body);
        LongAdder answered = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(
                    () -> {
                        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
                            socket.setTcpNoDelay(true);
                            OutputStream out = socket.getOutputStream();
                            InputStream in = new BufferedInputStream(socket.getInputStream());
                            while (running.get()) {
                                out.write(request);
                                out.flush();
                                if (readStatus(in) == 202) {
                                    answered.increment();
                                } else {
                                    failed.increment();
                                }
                            }
                        } catch (IOException e) {
                            failed.increment();
                        }
                    },
                    "load-" + i);
            threads.add(thread);
        }
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L); // a load generator's run length, not a test wait
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuStart;
        report(label + " (" + connections + " connections)", answered.sum(), uncompressed, elapsed);
        if (answered.sum() > 0) {
            // CPU of the whole process (intake, H2's background threads and the light client) per record: the
            // figure that depends least on what else runs on a shared machine.
            System.out.printf(
                    Locale.ROOT,
                    "  process CPU %.2f µs/record (%.0f %% of one core)%n",
                    cpu / 1e3 / (answered.sum() * (double) recordsPerRequest),
                    100.0 * cpu / elapsed);
        }
        if (failed.sum() > 0) {
            System.out.println("  non-202 answers or errors: " + failed.sum());
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static void report(String label, long requests, int uncompressed, long nanos) {
        double secs = nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-32s %8.1f req/s %12.0f records/s %8.1f MiB/s uncompressed%n",
                label,
                requests / secs,
                requests * (double) recordsPerRequest / secs,
                requests * (double) uncompressed / secs / (1 << 20));
    }

    /** Reads one HTTP response (status line, headers, Content-Length body); returns the status. */
    private static int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) c);
        }
        String headers = head.toString();
        int status = Integer.parseInt(headers.substring(9, 12));
        int at = headers.toLowerCase(Locale.ROOT).indexOf("content-length:");
        int length = Integer.parseInt(
                headers.substring(at + 15, headers.indexOf('\r', at)).trim());
        in.skipNBytes(length);
        return status;
    }

    private static byte[] request(URI url, String encoding, byte[] body) {
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\n"
                + (encoding.equals("identity") ? "" : "Content-Encoding: " + encoding + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static byte[] compress(String encoding, byte[] json) {
        switch (encoding) {
            case "zstd":
                return Zstd.compress(json, 1);
            case "gzip":
                return IntakeClient.gzip(json);
            case "identity":
                return json;
            default:
                throw new IllegalArgumentException("encoding must be zstd, gzip or identity: " + encoding);
        }
    }

    /** Records shaped like the Datadog Agent's JSON encoder output, with varying content. */
    static byte[] payload(int records) {
        StringBuilder json = new StringBuilder(records * 260).append('[');
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"message\":\"2026-11-25 01:51:")
                    .append(10 + i % 50)
                    .append('.')
                    .append(100 + i % 900)
                    .append(" INFO [worker-")
                    .append(i % 16)
                    .append("] c.e.OrderService - order ")
                    .append(1_000_000 + i * 7919L)
                    .append(" handled for user u")
                    .append(i * 31 % 997)
                    .append(" in ")
                    .append(i % 250)
                    .append(" ms\",\"status\":\"info\",\"timestamp\":")
                    .append(1_764_035_474_000L + i)
                    .append(",\"hostname\":\"host-")
                    .append(i % 8)
                    .append("\",\"service\":\"bench\",\"ddsource\":\"java\",\"ddtags\":\"env:bench,team:logship\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
