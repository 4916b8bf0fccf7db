package io.logship.agent.enrich;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fast path of {@link JsonObjectScanner}: a byte-level check that a line is exactly one JSON object, and which
 * reserved keys it has at the top level, with no parser, no tokens and no allocation; on the way it notes where the
 * values of the names loggers use for status, message, time, host, service, trace ids and errors are
 * ({@link RecordFields}).
 *
 * <p>It is a strict RFC 8259 grammar (Jackson's default features: no comments, no single quotes, no unquoted names,
 * no NaN, no leading zeros, no control characters in strings). It only <em>accepts</em> what Jackson accepts; it
 * never rejects on its own: on anything it does not accept (a syntax error, a top-level key with an escape, nesting
 * deeper than {@value #MAX_DEPTH}, a number longer than {@value #MAX_NUMBER_CHARS} characters, a key longer than
 * {@value #MAX_KEY_BYTES} bytes, a line longer than {@value #MAX_LINE_BYTES} bytes) it answers {@link #DEFER} and
 * Jackson decides. A test compares both on valid and mutated lines.
 *
 * <p>Input must be valid UTF-8 (the {@link Enricher} repairs it first): bytes of 0x80 and above are taken as
 * string content without decoding.
 *
 * <p>Why: the Jackson non-blocking parser decodes every string into characters; this was 44 % of the event loops'
 * time at full load (JFR). Skipping the ~250-byte message string byte by byte is several times cheaper.
 *
 * <p>Not thread-safe: keeps the position in fields; one per {@link JsonObjectScanner}.
 */
final class FastJsonScanner {
    /** "Not decided here": let Jackson decide. */
    static final int DEFER = -2;
    /** Deepest nesting checked here: {@value}, below {@link JsonObjectScanner#MAX_NESTING_DEPTH} (Jackson decides). */
    static final int MAX_DEPTH = 64;
    /** Longest number checked here: {@value} characters (Jackson's limit is 1000). */
    static final int MAX_NUMBER_CHARS = 100;
    /** Longest key checked here: {@value} bytes (Jackson's limit is 50,000). */
    static final int MAX_KEY_BYTES = 1000;
    /** Longest line checked here: {@value} bytes (Jackson's string limit is 20,000,000). */
    static final int MAX_LINE_BYTES = 1_000_000;

    private static final int FAILED = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    /** Bytes that can appear unescaped in a string and end nothing: not '"', not '\\', not a control character. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            PLAIN[c] = c >= 0x20 && c != '"' && c != '\\';
        }
    }

    /** Where the source names' values are, for the last line {@link #scan} accepted. */
    final RecordFields fields = new RecordFields();

    private byte[] b;
    private int pos;
    private int end;
    private boolean escaped;

    /** @return the {@link ReservedKeys} bits present at the top level, or {@link #DEFER} */
    int scan(byte[] bytes, int off, int len) {
        if (len > MAX_LINE_BYTES) {
            return DEFER;
        }
        b = bytes;
        pos = off;
        end = off + len;
        try {
            skipWhitespace();
            if (pos >= end || b[pos] != '{') {
                return DEFER;
            }
            fields.reset();
            int found = object(1, 0);
            if (found == FAILED) {
                return DEFER;
            }
            skipWhitespace();
            return pos == end ? found : DEFER;
        } finally {
            b = null;
        }
    }

    /**
     * At '{': the object's top-level key bits (when {@code depth} is 1), or {@link #FAILED}. Records the values of
     * the source names in {@link #fields}: top-level keys, and keys of the object of a top-level parent
     * ({@code parent} > 0 at depth 2).
     */
    private int object(int depth, int parent) {
        pos++;
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return 0;
        }
        int found = 0;
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return FAILED;
            }
            int keyStart = pos + 1;
            int keyEnd = string();
            if (keyEnd == FAILED || keyEnd - keyStart > MAX_KEY_BYTES) {
                return FAILED;
            }
            int code = RecordFields.NONE;
            if (depth == 1) {
                if (escaped) {
                    return FAILED; // "mess\u0061ge" is "message": Jackson decodes it
                }
                int keyLength = keyEnd - keyStart;
                int entry = keyLength > 0 && RecordFields.mayBeEntry(keyLength, b[keyStart])
                        ? RecordFields.entry(b, keyStart, keyLength)
                        : -1;
                found |= ReservedKeys.ANY_FIELD | RecordFields.entryReserved(entry);
                code = RecordFields.entryCode(entry);
            } else if (parent != 0 && !escaped) {
                code = RecordFields.child(parent, b, keyStart, keyEnd - keyStart);
            }
            skipWhitespace();
            if (pos >= end || b[pos] != ':') {
                return FAILED;
            }
            pos++;
            skipWhitespace();
            int valueStart = pos;
            if (!value(depth, depth == 1 ? RecordFields.parent(code) : 0)) {
                return FAILED;
            }
            if (code != RecordFields.NONE) {
                if (RecordFields.isSource(code)) {
                    fields.record(code, valueStart, pos);
                }
                if (depth == 1) {
                    fields.taken |= RecordFields.taken(code);
                }
                if (depth == 1 && RecordFields.parent(code) == RecordFields.ERROR_PARENT) {
                    fields.errorKey = true;
                    if (b[valueStart] == '{') {
                        fields.errorOpen = valueStart;
                        fields.errorClose = pos - 1;
                    }
                }
            }
            skipWhitespace();
            if (pos >= end) {
                return FAILED;
            }
            byte c = b[pos++];
            if (c == '}') {
                return found;
            }
            if (c != ',') {
                return FAILED;
            }
            skipWhitespace();
        }
    }

    /** At '[': reads the array. */
    private boolean array(int depth) {
        pos++;
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            skipWhitespace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            skipWhitespace();
        }
    }

    private boolean value(int depth) {
        return value(depth, 0);
    }

    /** A value; an object in it is read as the object of top-level parent {@code parent} (0: none). */
    private boolean value(int depth, int parent) {
        if (pos >= end) {
            return false;
        }
        switch (b[pos]) {
            case '"':
                return string() != FAILED;
            case '{':
                return depth < MAX_DEPTH && object(depth + 1, parent) != FAILED;
            case '[':
                return depth < MAX_DEPTH && array(depth + 1);
            case 't':
                return literal('t', 'r', 'u', 'e');
            case 'f':
                return literal('f', 'a', 'l', 's') && pos < end && b[pos++] == 'e';
            case 'n':
                return literal('n', 'u', 'l', 'l');
            default:
                return number();
        }
    }

    private boolean literal(char c0, char c1, char c2, char c3) {
        if (end - pos < 4 || b[pos] != c0 || b[pos + 1] != c1 || b[pos + 2] != c2 || b[pos + 3] != c3) {
            return false;
        }
        pos += 4;
        return true; // what follows must be a separator: the caller checks
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        int start = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        if (b[pos] == '0') {
            pos++;
        } else if (isDigit(b[pos])) {
            skipDigits();
        } else {
            return false;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (pos >= end || !isDigit(b[pos])) {
                return false;
            }
            skipDigits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (pos >= end || !isDigit(b[pos])) {
                return false;
            }
            skipDigits();
        }
        return pos - start <= MAX_NUMBER_CHARS;
    }

    /** At '"': skips the string; returns the index of its closing quote, or {@link #FAILED}. Sets {@link #escaped}. */
    private int string() {
        escaped = false;
        int p = pos + 1;
        byte[] bytes = b;
        int limit = end;
        while (true) {
            // Eight bytes at a time while none is a quote, a backslash or a control character (SWAR, as Utf8 does),
            // then byte by byte to the next such byte: a message is mostly plain bytes.
            while (p + 8 <= limit && !hasSpecial((long) LONGS.get(bytes, p))) {
                p += 8;
            }
            while (p < limit && PLAIN[bytes[p] & 0xFF]) {
                p++;
            }
            if (p >= limit) {
                return FAILED;
            }
            byte c = bytes[p];
            if (c == '"') {
                pos = p + 1;
                return p;
            }
            if (c != '\\' || p + 1 >= limit) {
                return FAILED; // a control character, or a backslash at the end
            }
            escaped = true;
            byte e = bytes[p + 1];
            if (e == 'u') {
                if (p + 5 >= limit
                        || !isHex(bytes[p + 2])
                        || !isHex(bytes[p + 3])
                        || !isHex(bytes[p + 4])
                        || !isHex(bytes[p + 5])) {
                    return FAILED;
                }
                p += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                p += 2;
            } else {
                return FAILED;
            }
        }
    }

    /** Whether one of the eight bytes is a quote, a backslash or below 0x20 (may say yes wrongly, never no wrongly). */
    private static boolean hasSpecial(long w) {
        long quote = w ^ QUOTES;
        long backslash = w ^ BACKSLASHES;
        return ((((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((w - SPACES) & ~w)) & HIGH_BITS) != 0;
    }

    private void skipDigits() {
        while (pos < end && isDigit(b[pos])) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
