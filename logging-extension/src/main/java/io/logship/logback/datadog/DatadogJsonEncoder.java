package io.logship.logback.datadog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.logship.logback.encoder.JsonRecordWriter;
import io.logship.logback.encoder.LoggerFields;
import io.logship.logback.encoder.RecordBuffer;
import io.logship.schema.ReservedAttributes;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * Encodes one logback event as one Datadog JSON line into a {@link RecordBuffer}: the JSON output's record
 * ({@link JsonRecordWriter}) with Datadog's names ({@link LoggerFields#NESTED}) and Datadog's static fields.
 *
 * <pre>
 * {"timestamp":"2026-11-25T01:39:58.123Z","status":"info","logger":{"name":"app.Worker","thread_name":"main"},
 *  "message":"...","service":"api","host":"web-1","ddsource":"java","ddtags":"env:prod,version:1.2",
 *  "user":"jd","attempt":2,
 *  "error":{"kind":"java.io.IOException","message":"boom","stack":"java.io.IOException: boom\n\tat ..."}}
 * </pre>
 * {@code logger.*} and {@code error.*} are nested objects, which is how Datadog reads its dotted standard
 * attributes. {@code service}, {@code host} and {@code ddtags} appear only when known. A user key equal to a reserved
 * name ({@link #RESERVED_FIELDS}) is kept under {@value JsonRecordWriter#RESERVED_PREFIX}{@code <key>}. Values are
 * rendered on the writer thread, after the logging call returned: log immutable values.
 *
 * <p>Not thread-safe: one instance per writer thread. If {@link #encode} throws, the caller must {@link
 * RecordBuffer#truncate} the buffer back to where the record started.
 */
public final class DatadogJsonEncoder {

    /** The service name ({@code DD_SERVICE}). */
    public static final String FIELD_SERVICE = ReservedAttributes.SERVICE;
    /** The host name ({@code DD_HOSTNAME}, else the machine's). */
    public static final String FIELD_HOST = ReservedAttributes.HOST;
    /** The log source, {@code java} by default. */
    public static final String FIELD_SOURCE = ReservedAttributes.DDSOURCE;
    /** Comma-separated {@code key:value} tags ({@code DD_TAGS}, {@code env:}, {@code version:}). */
    public static final String FIELD_TAGS = ReservedAttributes.DDTAGS;
    /** Object on the drop warning record holding the drop counters. */
    public static final String FIELD_LOGSHIP = "logship";

    /** Names a user key may not take as is (both the nested and the dotted Datadog spelling). */
    public static final Set<String> RESERVED_FIELDS = reservedFields();

    /** Appended to a message or stack cut short to fit a datagram: {@value}. */
    public static final String TRUNCATION_MARK = JsonRecordWriter.TRUNCATION_MARK;

    /**
     * Size estimate of a record's fixed fields (names, timestamp, logger and thread names, punctuation, static
     * fields), in bytes: {@value}.
     */
    static final int ESTIMATE_OVERHEAD_BYTES = 256;
    /** Size estimate of a key/value whose value is not a string, in bytes: {@value}. */
    static final int ESTIMATE_VALUE_BYTES = 16;
    /** Size estimate of one stack frame line, in bytes: {@value}. */
    static final int ESTIMATE_FRAME_BYTES = 80;

    private final JsonRecordWriter writer;

    /**
     * @param out where lines are written
     * @param service {@code service}, or null/empty to leave it out
     * @param host {@code host}, or null/empty to leave it out
     * @param source {@code ddsource}, or null/empty to leave it out
     * @param tags {@code ddtags}, or null/empty to leave it out
     */
    public DatadogJsonEncoder(RecordBuffer out, String service, String host, String source, String tags) {
        Map<String, String> staticFields = new LinkedHashMap<>();
        staticFields.put(FIELD_SERVICE, service);
        staticFields.put(FIELD_HOST, host);
        staticFields.put(FIELD_SOURCE, source);
        staticFields.put(FIELD_TAGS, tags);
        this.writer = new JsonRecordWriter(out, LoggerFields.NESTED, staticFields, Set.of(FIELD_LOGSHIP));
    }

    private static Set<String> reservedFields() {
        Set<String> names = new HashSet<>(JsonRecordWriter.reservedNames(LoggerFields.NESTED));
        names.addAll(List.of(FIELD_SERVICE, FIELD_HOST, FIELD_SOURCE, FIELD_TAGS, FIELD_LOGSHIP));
        return Set.copyOf(names);
    }

    /**
     * Appends one {@code \n}-terminated JSON line for {@code event}.
     *
     * @param maxTextChars the most chars of the message and of the stack trace to write (longer ones are cut and
     *     end with {@link #TRUNCATION_MARK}); {@link Integer#MAX_VALUE} for no limit
     */
    public void encode(ILoggingEvent event, int maxTextChars) throws IOException {
        writer.write(event, maxTextChars);
    }

    /**
     * Appends the warning record that reports drops, with the counters under {@value #FIELD_LOGSHIP}.
     *
     * @param droppedSinceLastReport records dropped since the previous report
     * @param stats all counters of the output
     */
    public void encodeDropReport(long droppedSinceLastReport, DeliveryStats stats, String loggerName, long epochMillis)
            throws IOException {
        String message = "logship Datadog output dropped " + droppedSinceLastReport + " records since its last"
                + " report (" + stats.getDroppedTotal() + " in total; " + stats.dropSummary() + ")";
        writer.writeNotice(
                epochMillis, Level.WARN, loggerName, Thread.currentThread().getName(), message, g -> {
                    g.writeObjectFieldStart(FIELD_LOGSHIP);
                    g.writeNumberField("dropped", droppedSinceLastReport);
                    g.writeNumberField("dropped_total", stats.getDroppedTotal());
                    for (DeliveryStats.DropReason r : DeliveryStats.DropReason.values()) {
                        g.writeNumberField("dropped_" + r.name().toLowerCase(Locale.ROOT), stats.getDropped(r));
                    }
                    g.writeEndObject();
                });
    }

    /**
     * A cheap estimate of the encoded size of {@code event} in bytes, computed on the application thread to bound the
     * queue by bytes: a fixed overhead plus the chars of the message, names, string values and stack frames. It
     * assumes about one byte per char, so mostly non-ASCII text is under-estimated (up to 3x).
     */
    public static int estimateBytes(ILoggingEvent event) {
        // Logger and thread names are short and covered by the overhead; reading them costs time on the app thread.
        long n = ESTIMATE_OVERHEAD_BYTES + length(event.getFormattedMessage());
        // The raw sources KeyValues merges, without merging them: duplicates only over-estimate.
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (int i = 0, size = pairs.size(); i < size; i++) {
                n += estimate(pairs.get(i));
            }
        }
        Object[] args = event.getArgumentArray();
        if (args != null) {
            for (Object arg : args) {
                if (arg instanceof KeyValuePair kv) {
                    n += estimate(kv);
                }
            }
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            n += (long) mdc.size() * 2 * ESTIMATE_VALUE_BYTES;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            n += ESTIMATE_OVERHEAD_BYTES
                    + length(t.getClassName())
                    + length(t.getMessage())
                    + (long) ESTIMATE_FRAME_BYTES * t.getStackTraceElementProxyArray().length;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static long estimate(KeyValuePair kv) {
        Object v = kv.value;
        long value = v instanceof String s
                ? s.length() // the common case first: a class check, not an interface one
                : v instanceof CharSequence cs ? cs.length() : ESTIMATE_VALUE_BYTES;
        return 4 + length(kv.key) + value;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
