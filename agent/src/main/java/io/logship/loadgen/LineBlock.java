package io.logship.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * A pre-generated block of fixed-length JSON lines, written to the socket again and again so the generator spends
 * its time in {@code write}, not in formatting.
 *
 * <p>Each line is exactly {@code lineBytes} long, newline included:
 * <pre>
 * {"message":"loadgen &lt;pad&gt;","user":"jd","request_id":&lt;i&gt;,"seq":&lt;20 chars&gt;}\n
 * </pre>
 * With {@code lle} (logstash-logback-encoder's shape) each line starts with that encoder's fields instead:
 * {@code {"@timestamp":"<now, ISO-8601>","@version":"1","level":"INFO","level_value":20000,"logger_name":...,
 * "thread_name":"main","message":"loadgen <pad>",...}}, so the agent reads a level and a time from every record.
 * With latency probes on, {@code "probe_us":<20 chars>} comes before {@code seq}: the epoch microseconds at which
 * the block is written ({@link #stampProbe}), which the discard-mode intake turns into an end-to-end delay.
 * With sequence numbers on, {@code seq} is a fixed 20-character slot, right-aligned and padded with spaces on the
 * left (JSON allows whitespace before a number), so {@link #stamp} rewrites it in place without moving anything.
 *
 * <p>Not thread-safe: one block per connection.
 */
final class LineBlock {
    /** Width of the {@code seq} slot: {@value}, enough for any non-negative long. */
    static final int SEQ_WIDTH = 20;

    private static final byte[] WORDS = ("the quick brown fox jumps over the lazy dog while the agent ships logs "
                    + "to the intake in batches of one thousand records ")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "{\"message\":\"loadgen ";
    private static final String LLE_FIELDS = "\"@version\":\"1\",\"level\":\"INFO\",\"level_value\":20000,"
            + "\"logger_name\":\"com.example.shop.CheckoutService\",\"thread_name\":\"main\",\"message\":\"loadgen ";
    private static final String PROBE_KEY = ",\"probe_us\":";

    private final byte[] bytes;
    private final int lineBytes;
    private final int lines;
    /** Offset of each line's seq slot, or null when lines carry no seq. */
    private final int[] seqOffsets;
    /** Offset of each line's probe slot, or null when lines carry no probe. */
    private final int[] probeOffsets;

    private LineBlock(byte[] bytes, int lineBytes, int lines, int[] seqOffsets, int[] probeOffsets) {
        this.bytes = bytes;
        this.lineBytes = lineBytes;
        this.lines = lines;
        this.seqOffsets = seqOffsets;
        this.probeOffsets = probeOffsets;
    }

    /** The shortest line possible with these settings, for validation messages. */
    static int minLineBytes(int lines, boolean seq) {
        return minLineBytes(lines, seq, false);
    }

    /** The shortest line possible with these settings, for validation messages. */
    static int minLineBytes(int lines, boolean seq, boolean probe) {
        return minLineBytes(lines, seq, probe, false);
    }

    /** The shortest line possible with these settings, for validation messages. */
    static int minLineBytes(int lines, boolean seq, boolean probe, boolean lle) {
        return prefix(lle).length() + suffix(Math.max(0, lines - 1), seq, probe).length();
    }

    /**
     * Builds {@code lines} lines of {@code lineBytes} each.
     *
     * @throws IllegalArgumentException when {@code lineBytes} is below {@link #minLineBytes}
     */
    static LineBlock build(int lines, int lineBytes, Pad pad, boolean seq, long randomSeed) {
        return build(lines, lineBytes, pad, seq, false, randomSeed);
    }

    /** Same, with a {@code probe_us} slot in every line when {@code probe} is set. */
    static LineBlock build(int lines, int lineBytes, Pad pad, boolean seq, boolean probe, long randomSeed) {
        return build(lines, lineBytes, pad, seq, probe, false, randomSeed);
    }

    /** Same, in logstash-logback-encoder's shape when {@code lle} is set (its {@code @timestamp} is now). */
    static LineBlock build(
            int lines, int lineBytes, Pad pad, boolean seq, boolean probe, boolean lle, long randomSeed) {
        String prefix = prefix(lle);
        int min = prefix.length() + suffix(Math.max(0, lines - 1), seq, probe).length();
        if (lineBytes < min) {
            throw new IllegalArgumentException("lineBytes must be >= " + min + ": " + lineBytes);
        }
        byte[] bytes = new byte[Math.multiplyExact(lines, lineBytes)];
        int[] seqOffsets = seq ? new int[lines] : null;
        int[] probeOffsets = probe ? new int[lines] : null;
        SplittableRandom random = new SplittableRandom(randomSeed);
        int pos = 0;
        for (int i = 0; i < lines; i++) {
            String suffix = suffix(i, seq, probe);
            pos = put(bytes, pos, prefix);
            int padBytes = lineBytes - prefix.length() - suffix.length();
            for (int p = 0; p < padBytes; p++) {
                bytes[pos++] = pad == Pad.HEX ? HEX_DIGITS[random.nextInt(16)] : WORDS[(i * 7 + p) % WORDS.length];
            }
            if (seq) {
                seqOffsets[i] = pos + suffix.length() - SEQ_WIDTH - 2; // before "}\n"
            }
            if (probe) {
                probeOffsets[i] = pos + suffix.indexOf(PROBE_KEY) + PROBE_KEY.length();
            }
            pos = put(bytes, pos, suffix);
        }
        return new LineBlock(bytes, lineBytes, lines, seqOffsets, probeOffsets);
    }

    /** Sets line {@code i}'s seq to {@code first + i × stride}. No-op without sequence numbers. */
    void stamp(long first, long stride) {
        if (seqOffsets == null) {
            return;
        }
        for (int i = 0; i < lines; i++) {
            writeNumber(seqOffsets[i], first + i * stride);
        }
    }

    /** Sets every line's {@code probe_us} to {@code epochMicros} (not negative). No-op without probes. */
    void stampProbe(long epochMicros) {
        if (probeOffsets == null) {
            return;
        }
        for (int i = 0; i < lines; i++) {
            writeNumber(probeOffsets[i], epochMicros);
        }
    }

    private void writeNumber(int slot, long value) {
        int at = slot + SEQ_WIDTH;
        do {
            bytes[--at] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        while (at > slot) {
            bytes[--at] = ' ';
        }
    }

    /** A buffer over the first {@code count} lines, positioned at 0. */
    ByteBuffer lines(int count) {
        return ByteBuffer.wrap(bytes, 0, count * lineBytes);
    }

    int lineCount() {
        return lines;
    }

    int lineBytes() {
        return lineBytes;
    }

    private static String prefix(boolean lle) {
        return lle ? "{\"@timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\"," + LLE_FIELDS : PREFIX;
    }

    private static String suffix(int index, boolean seq, boolean probe) {
        return "\",\"user\":\"jd\",\"request_id\":" + index
                + (probe ? PROBE_KEY + " ".repeat(SEQ_WIDTH) : "")
                + (seq ? ",\"seq\":" + " ".repeat(SEQ_WIDTH) : "") + "}\n";
    }

    private static int put(byte[] into, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            into[at++] = (byte) ascii.charAt(i);
        }
        return at;
    }
}
