package io.logship.loadgen;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code logship-agent loadgen}: sends newline-delimited JSON lines to a TCP (or UDP) log listener as fast as
 * possible or at a set rate, then prints one summary line.
 *
 * <p>It is built to outrun the agent: each connection pre-generates a block of lines
 * ({@value #BLOCK_TARGET_BYTES} bytes, see {@link LineBlock}) and writes it again and again with blocking writes;
 * with {@code --seq} it only rewrites the 20-byte sequence slot of each line between writes. Sequence numbers are
 * unique across connections (line {@code k} of connection {@code c} of {@code C} carries {@code k × C + c}), so a
 * delivery test can check the intake for loss and duplicates.
 *
 * <p>Exit codes: 0 when every line was handed to the kernel, 1 when a connection failed (the summary still says
 * what was sent), 2 for invalid options.
 *
 * <p>Pitfalls: "sent" means written to the socket, not received; with UDP, datagrams can be dropped silently by
 * either kernel. Without {@code --lines}, a run lasts {@code --duration}.
 */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Send JSON log lines to a TCP/UDP listener and report the rate.")
public final class LoadGenerator implements Callable<Integer> {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The Datadog Agent's customary TCP log port: {@value}. */
    public static final int DEFAULT_PORT = 10518;
    /** Bytes per line, newline included: {@value}, a typical structured application log line. */
    public static final int DEFAULT_LINE_BYTES = 300;
    /** Run length when no {@code --lines} is given: {@value #DEFAULT_DURATION_SECONDS} s. */
    public static final long DEFAULT_DURATION_SECONDS = 10;
    /** Largest {@code --line-bytes}: {@value} (16 MiB), far above the agent's 900,000-byte line limit. */
    public static final int MAX_LINE_BYTES = 16 << 20;
    /** Largest {@code --connections}: {@value} (at most {@link #MAX_THREADS} threads write to them). */
    public static final int MAX_CONNECTIONS = 20_000;
    /** Target size of each connection's pre-built block: {@value} bytes (256 KiB): big writes, little memory. */
    public static final int BLOCK_TARGET_BYTES = 256 << 10;
    /**
     * Ceiling on pre-built lines over all connections: {@value} bytes (512 MiB). Only reachable with huge lines on
     * many connections (a block never holds less than one line).
     */
    public static final long MAX_TOTAL_BLOCK_BYTES = 512L << 20;
    /**
     * Most sending threads: {@value}. Beyond this many connections, each thread writes to several connections in
     * turn, so a thousand connections do not cost a thousand threads competing with the process under test.
     */
    public static final int MAX_THREADS = 16;
    /** With {@code --rate}, a block holds at most this fraction of a second of lines, so pacing stays smooth. */
    private static final int BLOCKS_PER_SECOND_AT_RATE = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = DEFAULT_HOST, description = "Listener host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + DEFAULT_PORT,
            description = "Listener port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--connections",
            defaultValue = "1",
            description = "Parallel connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--line-bytes",
            defaultValue = "" + DEFAULT_LINE_BYTES,
            description = "Bytes per line including the newline (default: ${DEFAULT-VALUE}).")
    int lineBytes;

    @Option(
            names = "--pad",
            defaultValue = "TEXT",
            converter = PadConverter.class,
            description = "Line filler: text (compressible) or hex (high entropy) (default: text).")
    Pad pad;

    @Option(
            names = "--lle",
            description = "Lines in logstash-logback-encoder's shape (@timestamp, level, logger_name, "
                    + "... before message), so the agent reads a level and a time from every record.")
    boolean lle;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description = "Lines per second over all connections; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(
            names = "--duration",
            defaultValue = DEFAULT_DURATION_SECONDS + "s",
            converter = DurationConverter.class,
            description =
                    "How long to send when --lines is not given, e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--lines",
            defaultValue = "0",
            description = "Send exactly this many lines over all connections, then stop; 0 = use --duration.")
    long lines;

    @Option(names = "--udp", description = "Send UDP datagrams of whole lines instead of a TCP stream.")
    boolean udp;

    @Option(names = "--seq", description = "Add a unique \"seq\" number to every line, to check loss and duplicates.")
    boolean seq;

    @Option(
            names = "--probe",
            description = "Add \"probe_us\" (epoch microseconds when the line is written) to every "
                    + "line; a discard-mode intake reports the end-to-end delay percentiles in GET /api/stats.")
    boolean probe;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    /** Runs {@code loadgen} on its own: {@code java -cp ... io.logship.loadgen.LoadGenerator --help}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new ParameterException(spec.commandLine(), "--host cannot be resolved: " + host);
        }
        int blockLines = blockLines();
        long deadline = lines > 0 ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        int workers = Math.min(connections, MAX_THREADS);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        List<Future<Connection.Result>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < workers; c++) {
                int sockets = connections / workers + (c < connections % workers ? 1 : 0);
                Connection connection = new Connection(
                        target,
                        udp,
                        c,
                        workers,
                        sockets,
                        quota(c, workers),
                        deadline,
                        blockLines,
                        lineBytes,
                        pad,
                        seq,
                        probe,
                        lle,
                        rate == 0 ? 0 : (double) rate * sockets / connections);
                futures.add(threads.submit(connection));
            }
            return report(futures, started, target);
        } finally {
            threads.shutdownNow();
        }
    }

    private Integer report(List<Future<Connection.Result>> futures, long started, InetSocketAddress target)
            throws InterruptedException {
        long sentLines = 0;
        int failures = 0;
        PrintWriter err = spec.commandLine().getErr();
        for (int c = 0; c < futures.size(); c++) {
            Connection.Result result;
            try {
                result = futures.get(c).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("connection " + c + " crashed", e.getCause());
            }
            sentLines += result.lines();
            if (result.error() != null) {
                failures++;
                err.println("loadgen: connection " + c + " to " + target + " failed after " + result.lines()
                        + " lines: " + result.error());
            }
        }
        long elapsed = System.nanoTime() - started;
        LoadSummary summary =
                new LoadSummary(sentLines, sentLines * lineBytes, elapsed, connections, udp ? "udp" : "tcp");
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? summary.toJson() : summary.toText());
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (port < 1 || port > 65_535) {
            throw new ParameterException(cl, "--port must be in [1, 65535]: " + port);
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new ParameterException(cl, "--connections must be in [1, " + MAX_CONNECTIONS + "]: " + connections);
        }
        int maxLine = udp ? LineSink.UDP_MAX_LINE_BYTES : MAX_LINE_BYTES;
        int minLine = LineBlock.minLineBytes(blockLines(), seq, probe, lle);
        if (lineBytes < minLine || lineBytes > maxLine) {
            throw new ParameterException(
                    cl, "--line-bytes must be in [" + minLine + ", " + maxLine + "]: " + lineBytes);
        }
        long blockMemory = (long) connections * blockLines() * lineBytes;
        if (blockMemory > MAX_TOTAL_BLOCK_BYTES) {
            throw new ParameterException(
                    cl,
                    "--connections x --line-bytes needs " + blockMemory + " bytes of pre-built lines, more than "
                            + MAX_TOTAL_BLOCK_BYTES);
        }
        if (rate < 0) {
            throw new ParameterException(cl, "--rate must be >= 0: " + rate);
        }
        if (lines < 0) {
            throw new ParameterException(cl, "--lines must be >= 0: " + lines);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ParameterException(cl, "--duration must be > 0: " + duration);
        }
    }

    private int blockLines() {
        int byBytes = Math.max(1, BLOCK_TARGET_BYTES / Math.max(1, lineBytes));
        if (rate == 0) {
            return byBytes;
        }
        long byRate = Math.max(1, rate / connections / BLOCKS_PER_SECOND_AT_RATE);
        return (int) Math.min(byBytes, byRate);
    }

    /** Sending thread {@code c}'s share of {@code --lines}, or unbounded. */
    private long quota(int c, int workers) {
        if (lines == 0) {
            return Long.MAX_VALUE;
        }
        return lines / workers + (c < lines % workers ? 1 : 0);
    }

    private static void closeQuietly(LineSink sink) {
        try {
            sink.close();
        } catch (IOException e) {
            // the result already says whether the lines were sent
        }
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Accepts {@code text}/{@code hex} in any case. */
    static final class PadConverter implements CommandLine.ITypeConverter<Pad> {
        @Override
        public Pad convert(String value) {
            for (Pad p : Pad.values()) {
                if (p.name().equalsIgnoreCase(value.strip())) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("expected text or hex: '" + value + "'");
        }
    }

    /**
     * One sending thread's loop: connect its {@code sockets} connections, send its quota (or until the deadline) one
     * block at a time to each connection in turn, half-close them. {@code index} of {@code connections} numbers the
     * threads (for unique seq values).
     */
    record Connection(
            InetSocketAddress target,
            boolean udp,
            int index,
            int connections,
            int sockets,
            long quota,
            long deadline,
            int blockLines,
            int lineBytes,
            Pad pad,
            boolean seq,
            boolean probe,
            boolean lle,
            double linesPerSecond)
            implements Callable<Connection.Result> {

        /** Lines this connection handed to the kernel, and the failure that stopped it, if any. */
        record Result(long lines, IOException error) {}

        @Override
        public Result call() {
            LineBlock block = LineBlock.build(blockLines, lineBytes, pad, seq, probe, lle, 0x5EEDL + index);
            long sent = 0;
            List<LineSink> sinks = new ArrayList<>(sockets);
            try {
                for (int i = 0; i < sockets; i++) {
                    sinks.add(udp ? LineSink.udp(target) : LineSink.tcp(target));
                }
                Pacer pacer = linesPerSecond > 0 ? Pacer.of(linesPerSecond) : null;
                int next = 0;
                while (sent < quota
                        && System.nanoTime() < deadline
                        && !Thread.currentThread().isInterrupted()) {
                    int n = (int) Math.min(blockLines, quota - sent);
                    if (pacer != null) {
                        pacer.awaitTurn(sent);
                    }
                    block.stamp(sent * connections + index, connections);
                    if (probe) {
                        block.stampProbe(epochMicros());
                    }
                    sinks.get(next).send(block.lines(n), lineBytes);
                    next = next + 1 == sockets ? 0 : next + 1;
                    sent += n;
                }
                for (LineSink sink : sinks) {
                    sink.finish();
                }
                return new Result(sent, null);
            } catch (IOException e) {
                return new Result(sent, e);
            } finally {
                for (LineSink sink : sinks) {
                    closeQuietly(sink);
                }
            }
        }
    }
}
