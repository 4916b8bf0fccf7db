package io.logship.intake;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
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
 * The per-request CPU work of the intake without HTTP, one request = 1,000 Agent-shaped records (250,819 bytes):
 * discard mode's validate-and-count pass, store mode's attribute extraction, and zstd decoding. Run on demand:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main LogArrayParserBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogArrayParserBenchmark {
    private final LogArrayParser parser = new LogArrayParser();
    private final BodyDecoder decoder = new BodyDecoder(LocalIntakeOptions.DEFAULT_MAX_BODY_BYTES);
    private DecodedBody body;
    private ByteBuf zstd;

    @Setup
    public void setUp() {
        byte[] json = IntakeLoadBenchmark.payload(1000);
        body = new DecodedBody(json, json.length);
        zstd = Unpooled.wrappedBuffer(Zstd.compress(json, 1));
    }

    /** Discard mode's JSON pass. */
    @Benchmark
    public int count() throws IntakeException {
        return parser.count(body);
    }

    /** Store mode's JSON pass (before the database). */
    @Benchmark
    public int parse() throws IntakeException {
        return parser.parse(body).size();
    }

    /** zstd one-shot decoding of the same request. */
    @Benchmark
    public int decodeZstd() throws IntakeException {
        return decoder.decode(ContentEncoding.ZSTD, zstd).length();
    }
}
