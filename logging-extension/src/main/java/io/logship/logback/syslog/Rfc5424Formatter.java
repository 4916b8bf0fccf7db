package io.logship.logback.syslog;

import io.logship.logback.context.SafeText;
import io.logship.schema.Utf8;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Turns one record into an RFC 5424 syslog message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID k="v" ...] MSG}.
 *
 * <ul>
 *   <li>PRI is {@code facility * 8 + severity} (§6.2.1).
 *   <li>TIMESTAMP is UTC with milliseconds, e.g. {@code 2026-11-25T01:02:03.456Z} (§6.2.3).
 *   <li>HOSTNAME, APP-NAME, PROCID and MSGID keep only printable US-ASCII (other characters become {@code _}), are
 *       cut to their RFC maximum (255, 48, 128, 32 octets) and are the NILVALUE {@code -} when empty (§6.2.4-7).
 *   <li>Key/values go into one SD-ELEMENT, {@code [logship@32473 key="value" ...]} by default. Parameter names keep
 *       printable US-ASCII except {@code = ] "} and space (others become {@code _}, cut to 32 octets); values are
 *       UTF-8 with {@code "}, {@code \} and {@code ]} escaped by a backslash (§6.3.3). No key/values: the NILVALUE.
 *   <li>MSG is UTF-8. When it holds any non-ASCII character it starts with the UTF-8 BOM, as §6.4 requires for
 *       MSG-UTF8; pure ASCII text is sent without one, which §6.4 allows (MSG-ANY).
 * </ul>
 *
 * <p>Thread-safe: the header parts are fixed at construction and each call builds its own buffer.
 */
public final class Rfc5424Formatter {
    /**
     * Default SD-ID carrying key/values. The {@code @32473} suffix is the private enterprise number RFC 5612 reserves
     * for documentation, so the name cannot clash with a registered one.
     */
    public static final String DEFAULT_SD_ID = "logship@32473";

    /** RFC 5424 NILVALUE: "this field has no value". */
    public static final String NILVALUE = "-";

    static final int MAX_HOSTNAME = 255;
    static final int MAX_APP_NAME = 48;
    static final int MAX_PROCID = 128;
    static final int MAX_MSGID = 32;
    static final int MAX_SD_NAME = 32;

    /**
     * Smallest accepted size limit: RFC 5426 §3.2's minimum that every IPv4 receiver must accept. It also fits the
     * longest possible header (about 500 bytes) only with short host and program names, so keep limits above 1 KiB.
     */
    public static final int MIN_MAX_BYTES = 480;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Facility facility;
    /** " HOSTNAME APP-NAME PROCID MSGID ", fixed for the appender's life. */
    private final byte[] headerMiddle;

    private final byte[] sdIdBytes;

    /**
     * @param sdId the SD-ID for key/values; must pass {@link #checkSdId(String)}
     * @throws IllegalArgumentException if {@code sdId} is not a valid private SD-ID
     */
    public Rfc5424Formatter(
            Facility facility, String hostname, String appName, String procId, String msgId, String sdId) {
        this.facility = facility;
        this.sdIdBytes = checkSdId(sdId).getBytes(StandardCharsets.US_ASCII);
        String middle = " " + headerField(hostname, MAX_HOSTNAME) + " " + headerField(appName, MAX_APP_NAME) + " "
                + headerField(procId, MAX_PROCID) + " " + headerField(msgId, MAX_MSGID) + " ";
        this.headerMiddle = middle.getBytes(StandardCharsets.US_ASCII);
    }

    /** PRI value of a severity for this formatter's facility. */
    public int pri(int severity) {
        return facility.code() * 8 + severity;
    }

    /** One formatted message, and whether it had to be cut to fit the size limit. */
    public record Message(byte[] bytes, boolean truncated) {}

    /**
     * Formats one message, at most {@code maxBytes} long.
     *
     * <p>Size policy: when the message is too long, MSG is cut (at a UTF-8 character boundary, so the result stays
     * valid UTF-8). When the header and structured data alone do not fit, the structured data is replaced by the
     * NILVALUE first. The header itself is at most about 500 bytes, so {@code maxBytes} must be at least
     * {@link #MIN_MAX_BYTES}.
     *
     * @param severity 0 to 7, see {@link Severity}
     * @param epochMillis the record's time
     * @param keyValues may be null or empty
     * @param message the text, may be empty
     * @param maxBytes at least {@link #MIN_MAX_BYTES}
     */
    public Message format(int severity, long epochMillis, List<KeyValuePair> keyValues, String message, int maxBytes) {
        ByteBuilder out = new ByteBuilder(128 + message.length());
        writeHeader(out, severity, epochMillis);
        int headerLength = out.size();
        writeStructuredData(out, keyValues);
        boolean truncated = false;
        if (out.size() > maxBytes) {
            truncated = true;
            out.truncate(headerLength);
            out.write('-');
        }
        if (!message.isEmpty()) {
            byte[] msg = message.getBytes(StandardCharsets.UTF_8);
            boolean bom = !Utf8.isAscii(message);
            int room = maxBytes - out.size() - 1 - (bom ? BOM.length : 0);
            int length = msg.length;
            if (length > room) {
                truncated = true;
                length = Utf8.boundary(msg, Math.max(0, room));
            }
            if (length > 0) {
                out.write(' ');
                if (bom) {
                    out.write(BOM, 0, BOM.length);
                }
                out.write(msg, 0, length);
            }
        }
        return new Message(out.toByteArray(), truncated);
    }

    private void writeHeader(ByteBuilder out, int severity, long epochMillis) {
        out.write('<');
        out.writeAscii(Integer.toString(pri(severity)));
        out.write('>');
        out.write('1');
        out.write(' ');
        writeTimestamp(out, epochMillis);
        out.write(headerMiddle, 0, headerMiddle.length);
    }

    private void writeStructuredData(ByteBuilder out, List<KeyValuePair> keyValues) {
        if (keyValues == null || keyValues.isEmpty()) {
            out.write('-');
            return;
        }
        out.write('[');
        out.write(sdIdBytes, 0, sdIdBytes.length);
        for (KeyValuePair kv : keyValues) {
            out.write(' ');
            out.writeAscii(sdName(kv.key));
            out.write('=');
            out.write('"');
            writeEscapedValue(out, kv.value == null ? "" : SafeText.of(kv.value));
            out.write('"');
        }
        out.write(']');
    }

    /** Writes {@code value} as UTF-8 with {@code "}, {@code \} and {@code ]} escaped (RFC 5424 §6.3.3). */
    static void writeEscapedValue(ByteBuilder out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == '"' || b == '\\' || b == ']') {
                out.write('\\');
            }
            out.write(b);
        }
    }

    /** An SD-NAME (parameter name): printable US-ASCII except {@code = ] "} and space, 1 to 32 octets. */
    static String sdName(String key) {
        if (key == null || key.isEmpty()) {
            return "_";
        }
        int n = Math.min(key.length(), MAX_SD_NAME);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            sb.append(isSdNameChar(c) ? c : '_');
        }
        return sb.toString();
    }

    /** A header field: printable US-ASCII, at most {@code max} octets, NILVALUE when empty. */
    static String headerField(String value, int max) {
        if (value == null || value.isEmpty()) {
            return NILVALUE;
        }
        int n = Math.min(value.length(), max);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            sb.append(c >= 33 && c <= 126 ? c : '_');
        }
        return sb.toString();
    }

    /**
     * Checks an SD-ID: a valid SD-NAME that contains {@code @} (names without one are reserved for IANA, §6.3.2).
     *
     * @return the SD-ID unchanged
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public static String checkSdId(String sdId) {
        if (sdId == null || sdId.isEmpty() || sdId.length() > MAX_SD_NAME) {
            throw new IllegalArgumentException("sdId must be 1 to 32 characters: '" + sdId + "'");
        }
        for (int i = 0; i < sdId.length(); i++) {
            if (!isSdNameChar(sdId.charAt(i))) {
                throw new IllegalArgumentException(
                        "sdId must be printable US-ASCII without '=', ']', '\"' or space: '" + sdId + "'");
            }
        }
        int at = sdId.indexOf('@');
        if (at <= 0 || at == sdId.length() - 1) {
            throw new IllegalArgumentException(
                    "sdId must have the form name@<private enterprise number> (RFC 5424 6.3.2): '" + sdId + "'");
        }
        return sdId;
    }

    private static boolean isSdNameChar(char c) {
        return c >= 33 && c <= 126 && c != '=' && c != ']' && c != '"';
    }

    /** {@code YYYY-MM-DDThh:mm:ss.mmmZ}, UTC. */
    static void writeTimestamp(ByteBuilder out, long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        digits(out, t.getYear(), 4);
        out.write('-');
        digits(out, t.getMonthValue(), 2);
        out.write('-');
        digits(out, t.getDayOfMonth(), 2);
        out.write('T');
        digits(out, t.getHour(), 2);
        out.write(':');
        digits(out, t.getMinute(), 2);
        out.write(':');
        digits(out, t.getSecond(), 2);
        out.write('.');
        digits(out, millis, 3);
        out.write('Z');
    }

    private static void digits(ByteBuilder out, int value, int width) {
        int div = 1;
        for (int i = 1; i < width; i++) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            out.write('0' + (value / div) % 10);
        }
    }
}
