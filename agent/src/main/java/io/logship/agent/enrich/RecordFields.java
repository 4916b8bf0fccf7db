package io.logship.agent.enrich;

import io.logship.schema.ReservedAttributes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a JSON line holds the facts the enricher reads ({@link ReservedAttributes}'s source names): filled by
 * {@link FastJsonScanner} as it walks the keys, as byte positions of values, never copies.
 *
 * <p>Each fact is a slot; each source name of a slot has a priority (its index in the source list: 0 is the
 * reserved name itself). A dotted name matches a top-level key with the dot and the same path through one nested
 * object ({@code "log":{"level":..}}). Positions are of the raw JSON value ({@code "..."} quotes included).
 *
 * <p>Not thread-safe: one per scanner.
 */
final class RecordFields {
    static final int STATUS = 0;
    static final int MESSAGE = 1;
    static final int TIMESTAMP = 2;
    static final int HOSTNAME = 3;
    static final int SERVICE = 4;
    static final int TRACE_ID = 5;
    static final int SPAN_ID = 6;
    static final int ERROR_KIND = 7;
    static final int ERROR_MESSAGE = 8;
    static final int ERROR_STACK = 9;
    static final int SLOTS = 10;
    /** Most source names a slot may have. */
    static final int MAX_PRIORITIES = 16;

    private static final List<List<String>> SOURCES = List.of(
            ReservedAttributes.STATUS_SOURCES,
            ReservedAttributes.MESSAGE_SOURCES,
            ReservedAttributes.TIMESTAMP_SOURCES,
            ReservedAttributes.HOSTNAME_SOURCES,
            ReservedAttributes.SERVICE_SOURCES,
            ReservedAttributes.TRACE_ID_SOURCES,
            ReservedAttributes.SPAN_ID_SOURCES,
            ReservedAttributes.ERROR_KIND_SOURCES,
            ReservedAttributes.ERROR_MESSAGE_SOURCES,
            ReservedAttributes.ERROR_STACK_SOURCES);

    /** No match: {@link #top} and {@link #child} answer this. */
    static final int NONE = 0;
    /** Longest key looked up; longer keys match nothing. */
    private static final int MAX_KEY = 32;

    /** Slots of the open-addressing table of top-level names (a power of two, at least twice the names). */
    private static final int TABLE = 512;

    private static final int[] TABLE_LENGTH = new int[TABLE];
    private static final long[] TABLE_HEAD0 = new long[TABLE];
    private static final long[] TABLE_HEAD1 = new long[TABLE];
    private static final int[] TABLE_ENTRY = new int[TABLE];
    private static final byte[][] ENTRY_NAMES;
    /** The first and the next eight bytes of each entry's name as little-endian words (zero-padded). */
    private static final long[] ENTRY_HEAD0;

    private static final long[] ENTRY_HEAD1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Per key length, the first bytes (ASCII) of the names of that length, as bits: rejects most keys in one load. */
    private static final long[] LENGTH_FIRST = new long[(MAX_KEY + 1) * 2];

    private static final int[] ENTRY_CODES;
    private static final int[] ENTRY_RESERVED;

    /** Per key length: the top-level names of that length, and their codes (what the hashed table is built from). */
    private static final byte[][][] TOP_NAMES = new byte[MAX_KEY + 1][][];

    private static final int[][] TOP_CODES = new int[MAX_KEY + 1][];
    /** Per parent (index = parent id - 1): the child names and their codes. */
    private static final byte[][][] CHILD_NAMES;

    private static final int[][] CHILD_CODES;
    /** The parent id of the {@code error} object. */
    static final int ERROR_PARENT;

    /** Bits of {@link #taken}: the record already has this key, so the enricher must not add it. */
    static final int TAKEN_STATUS_ORIGINAL = 1;

    static final int TAKEN_TIMESTAMP_ORIGINAL = 1 << 1;
    static final int TAKEN_HOSTNAME_ORIGINAL = 1 << 2;
    static final int TAKEN_SERVICE_ORIGINAL = 1 << 3;
    static final int TAKEN_OUT_OF_RANGE = 1 << 4;
    private static final int TAKEN_SHIFT = 24;

    /** The keys the enricher may add besides the reserved ones, in the order of the TAKEN bits. */
    private static final List<String> TAKEN_NAMES = List.of(
            ReservedAttributes.STATUS + ReservedAttributes.ORIGINAL_SUFFIX,
            ReservedAttributes.TIMESTAMP + ReservedAttributes.ORIGINAL_SUFFIX,
            ReservedAttributes.HOSTNAME + ReservedAttributes.ORIGINAL_SUFFIX,
            ReservedAttributes.SERVICE + ReservedAttributes.ORIGINAL_SUFFIX,
            ReservedAttributes.TIMESTAMP_OUT_OF_RANGE);

    static {
        List<String> parents = new ArrayList<>();
        List<List<byte[]>> topNames = new ArrayList<>();
        List<List<Integer>> topCodes = new ArrayList<>();
        for (int l = 0; l <= MAX_KEY; l++) {
            topNames.add(new ArrayList<>());
            topCodes.add(new ArrayList<>());
        }
        List<List<byte[]>> childNames = new ArrayList<>();
        List<List<Integer>> childCodes = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            List<String> names = SOURCES.get(slot);
            if (names.size() > MAX_PRIORITIES) {
                throw new IllegalStateException("too many names for slot " + slot);
            }
            for (int priority = 0; priority < names.size(); priority++) {
                String name = names.get(priority);
                add(topNames, topCodes, name, code(slot, priority, 0));
                int dot = name.indexOf('.');
                if (dot > 0) {
                    String parent = name.substring(0, dot);
                    int id = parents.indexOf(parent);
                    if (id < 0) {
                        parents.add(parent);
                        childNames.add(new ArrayList<>());
                        childCodes.add(new ArrayList<>());
                        id = parents.size() - 1;
                    }
                    childNames.get(id).add(ascii(name.substring(dot + 1)));
                    childCodes.get(id).add(code(slot, priority, 0));
                }
            }
        }
        // A top-level key that is a parent carries its parent id (it may also be a source of its own).
        for (int id = 0; id < parents.size(); id++) {
            byte[] name = ascii(parents.get(id));
            List<byte[]> sameLength = topNames.get(name.length);
            int found = -1;
            for (int k = 0; k < sameLength.size(); k++) {
                if (Arrays.equals(sameLength.get(k), name)) {
                    found = k;
                }
            }
            if (found >= 0) {
                topCodes.get(name.length).set(found, topCodes.get(name.length).get(found) | (id + 1) << 16);
            } else {
                add(topNames, topCodes, parents.get(id), (id + 1) << 16);
            }
        }
        for (int l = 0; l <= MAX_KEY; l++) {
            TOP_NAMES[l] = topNames.get(l).toArray(new byte[0][]);
            TOP_CODES[l] = topCodes.get(l).stream().mapToInt(Integer::intValue).toArray();
        }
        CHILD_NAMES = new byte[parents.size()][][];
        CHILD_CODES = new int[parents.size()][];
        for (int id = 0; id < parents.size(); id++) {
            CHILD_NAMES[id] = childNames.get(id).toArray(new byte[0][]);
            CHILD_CODES[id] =
                    childCodes.get(id).stream().mapToInt(Integer::intValue).toArray();
        }
        ERROR_PARENT = parents.indexOf(ReservedAttributes.ERROR) + 1;
        for (int k = 0; k < TAKEN_NAMES.size(); k++) {
            byte[] name = ascii(TAKEN_NAMES.get(k));
            byte[][] sameLength = TOP_NAMES[name.length];
            int found = -1;
            for (int j = 0; j < sameLength.length; j++) {
                if (Arrays.equals(sameLength[j], name)) {
                    found = j;
                }
            }
            if (found >= 0) {
                TOP_CODES[name.length][found] |= 1 << (TAKEN_SHIFT + k);
            } else {
                TOP_NAMES[name.length] = Arrays.copyOf(sameLength, sameLength.length + 1);
                TOP_NAMES[name.length][sameLength.length] = name;
                TOP_CODES[name.length] = Arrays.copyOf(TOP_CODES[name.length], sameLength.length + 1);
                TOP_CODES[name.length][sameLength.length] = 1 << (TAKEN_SHIFT + k);
            }
        }
        // The hashed table the scanner looks each top-level key up in: every name above, plus the reserved names
        // that are no source (ddsource, ddtags), with their ReservedKeys bit; one lookup per key gives both.
        List<byte[]> names = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (int l = 0; l <= MAX_KEY; l++) {
            for (int k = 0; k < TOP_NAMES[l].length; k++) {
                names.add(TOP_NAMES[l][k]);
                codes.add(TOP_CODES[l][k]);
            }
        }
        for (String reserved : ReservedAttributes.INTAKE_FIELDS) {
            byte[] name = ascii(reserved);
            if (names.stream().noneMatch(n -> Arrays.equals(n, name))) {
                names.add(name);
                codes.add(NONE);
            }
        }
        ENTRY_NAMES = names.toArray(new byte[0][]);
        ENTRY_CODES = new int[names.size()];
        ENTRY_RESERVED = new int[names.size()];
        ENTRY_HEAD0 = new long[ENTRY_NAMES.length];
        ENTRY_HEAD1 = new long[ENTRY_NAMES.length];
        for (int e = 0; e < ENTRY_NAMES.length; e++) {
            byte[] name = ENTRY_NAMES[e];
            ENTRY_HEAD0[e] = word(name, 0, name.length);
            ENTRY_HEAD1[e] = name.length > 8 ? word(name, 8, name.length - 8) : 0;
            byte first = ENTRY_NAMES[e][0];
            LENGTH_FIRST[ENTRY_NAMES[e].length * 2 + (first >> 6)] |= 1L << (first & 63);
            ENTRY_CODES[e] = codes.get(e);
            ENTRY_RESERVED[e] = ReservedKeys.bit(ENTRY_NAMES[e], 0, ENTRY_NAMES[e].length);
        }
        if (ENTRY_NAMES.length * 2 > TABLE) {
            throw new IllegalStateException("too many names for the table");
        }
        for (int e = 0; e < ENTRY_NAMES.length; e++) {
            int h = hash(ENTRY_HEAD0[e], ENTRY_HEAD1[e], ENTRY_NAMES[e].length);
            while (TABLE_LENGTH[h] != 0) {
                h = (h + 1) & (TABLE - 1);
            }
            TABLE_LENGTH[h] = ENTRY_NAMES[e].length;
            TABLE_HEAD0[h] = ENTRY_HEAD0[e];
            TABLE_HEAD1[h] = ENTRY_HEAD1[e];
            TABLE_ENTRY[h] = e;
        }
    }

    /** The TAKEN bits of a top-level key's code. */
    static int taken(int code) {
        return code >>> TAKEN_SHIFT;
    }

    private static void add(List<List<byte[]>> names, List<List<Integer>> codes, String name, int code) {
        byte[] bytes = ascii(name);
        if (bytes.length > MAX_KEY) {
            throw new IllegalStateException("name too long: " + name);
        }
        names.get(bytes.length).add(bytes);
        codes.get(bytes.length).add(code);
    }

    /** A match: bit 15 set, slot in bits 8..14, priority in bits 0..7, parent id in bits 16..23 (0: none). */
    private static int code(int slot, int priority, int parent) {
        return 1 << 15 | slot << 8 | priority | parent << 16;
    }

    static boolean isSource(int code) {
        return (code & 1 << 15) != 0;
    }

    static int slot(int code) {
        return (code >> 8) & 0x7F;
    }

    static int priority(int code) {
        return code & 0xFF;
    }

    static int parent(int code) {
        return (code >>> 16) & 0xFF;
    }

    /** The first slot of a name given by its first 16 bytes as words and its length. */
    private static int hash(long head0, long head1, int len) {
        return (int) (((head0 ^ head1 * 31 ^ len) * 0x9E3779B97F4A7C15L) >>> 55) & (TABLE - 1);
    }

    /** Whether a key of this length and first byte may be in the table (false for most keys: one load). */
    static boolean mayBeEntry(int len, byte first) {
        return len <= MAX_KEY && first >= 0 && (LENGTH_FIRST[len * 2 + (first >> 6)] & 1L << (first & 63)) != 0;
    }

    /** The entry of a top-level key (raw bytes, no escapes) in the hashed table, or -1: one lookup per key. */
    static int entry(byte[] b, int off, int len) {
        if (len == 0 || len > MAX_KEY) {
            return -1;
        }
        byte first = b[off];
        if (first < 0 || (LENGTH_FIRST[len * 2 + (first >> 6)] & 1L << (first & 63)) == 0) {
            return -1;
        }
        long head0 = word(b, off, len);
        long head1 = len > 8 ? word(b, off + 8, len - 8) : 0;
        for (int h = hash(head0, head1, len); ; h = (h + 1) & (TABLE - 1)) {
            int length = TABLE_LENGTH[h];
            if (length == 0) {
                return -1;
            }
            if (length != len || TABLE_HEAD0[h] != head0 || TABLE_HEAD1[h] != head1) {
                continue;
            }
            int e = TABLE_ENTRY[h];
            byte[] name = ENTRY_NAMES[e];
            int k = 16;
            while (k < len && name[k] == b[off + k]) {
                k++;
            }
            if (k >= len) {
                return e;
            }
        }
    }

    /** Up to eight bytes from {@code off} ({@code n} of them, at most 8) as a little-endian word, zero-padded. */
    private static long word(byte[] b, int off, int n) {
        if (n >= 8) {
            return (long) LONGS.get(b, off);
        }
        if (off + 8 <= b.length) {
            return (long) LONGS.get(b, off) & ((1L << (n << 3)) - 1);
        }
        long w = 0;
        for (int k = n - 1; k >= 0; k--) {
            w = w << 8 | (b[off + k] & 0xFF);
        }
        return w;
    }

    /** The code ({@link #slot}, {@link #priority}, {@link #parent}, {@link #taken}) of an entry; -1 gives NONE. */
    static int entryCode(int entry) {
        return entry < 0 ? NONE : ENTRY_CODES[entry];
    }

    /** The {@link ReservedKeys} bit of an entry, 0 for none. */
    static int entryReserved(int entry) {
        return entry < 0 ? 0 : ENTRY_RESERVED[entry];
    }

    /** The code of a key inside the object of top-level parent {@code parent}, or {@link #NONE}. */
    static int child(int parent, byte[] b, int off, int len) {
        byte[][] names = CHILD_NAMES[parent - 1];
        for (int k = 0; k < names.length; k++) {
            if (names[k].length == len && Arrays.equals(names[k], 0, len, b, off, off + len)) {
                return CHILD_CODES[parent - 1][k];
            }
        }
        return NONE;
    }

    /** Per slot: the priorities found, as bits. */
    final int[] found = new int[SLOTS];
    /** Where each found value starts and ends, at {@code slot * MAX_PRIORITIES + priority}. */
    final int[] start = new int[SLOTS * MAX_PRIORITIES];

    final int[] end = new int[SLOTS * MAX_PRIORITIES];
    /** The top-level {@code error} value when it is an object: its '{' and its '}' (-1 when not an object). */
    int errorOpen;

    int errorClose;
    /** Whether the record has a top-level {@code error} key, whatever its value. */
    boolean errorKey;
    /** TAKEN bits of the record's top-level keys. */
    int taken;
    /**
     * Whether anything beyond the plain reserved names was found (a source name, or a status, timestamp, trace or
     * error name): when false the record is enriched as before, with defaults for what it lacks.
     */
    boolean signals;
    /** The slots with bits in {@link #found}, as bits: what {@link #reset} clears. */
    private int dirty;

    void reset() {
        for (int d = dirty, slot = 0; d != 0; d >>>= 1, slot++) {
            if ((d & 1) != 0) {
                found[slot] = 0;
            }
        }
        dirty = 0;
        signals = false;
        taken = 0;
        errorKey = false;
        errorOpen = -1;
        errorClose = -1;
    }

    void record(int code, int valueStart, int valueEnd) {
        int slot = slot(code);
        int priority = priority(code);
        found[slot] |= 1 << priority;
        dirty |= 1 << slot;
        start[slot * MAX_PRIORITIES + priority] = valueStart;
        end[slot * MAX_PRIORITIES + priority] = valueEnd;
        if (priority != 0 || slot == STATUS || slot == TIMESTAMP || slot >= TRACE_ID) {
            signals = true;
        }
    }

    int start(int slot, int priority) {
        return start[slot * MAX_PRIORITIES + priority];
    }

    int end(int slot, int priority) {
        return end[slot * MAX_PRIORITIES + priority];
    }

    boolean has(int slot, int priority) {
        return (found[slot] & 1 << priority) != 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
