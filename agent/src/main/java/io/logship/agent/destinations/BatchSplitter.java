package io.logship.agent.destinations;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * Cuts a batch body, a JSON array of records ({@code [rec,rec,...]}), into two halves on record boundaries, so
 * that a 400 on a multi-record batch can be narrowed down to the records the intake refuses.
 *
 * <p>No JSON tree: one pass over the bytes that tracks strings, escapes and nesting depth, and notes where each
 * top-level element starts and ends. Whitespace between elements is skipped. The records' bytes are copied as they
 * are (no re-encoding).
 *
 * <p>Failure mode: a body that is not a JSON array of at least two elements (it never is for a batch the agent
 * built, but spooled bytes from disk are checked, not trusted) gives {@code null}: the caller drops the batch as
 * it would without splitting.
 *
 * <p>Stateless and thread-safe. Runs only after a 400, never on the hot path.
 */
final class BatchSplitter {
    private BatchSplitter() {}

    /** A half: its body (a new heap buffer the caller releases) and its record count. */
    record Part(ByteBuf json, int records) {}

    /**
     * The two halves of {@code json} (readable region, not consumed, not released), the first with
     * {@code n / 2} records; null when it is not an array of two or more elements.
     */
    static Part[] halves(ByteBuf json) {
        int[] bounds = elementBounds(json);
        if (bounds == null || bounds.length < 4) {
            return null;
        }
        int n = bounds.length / 2;
        int mid = n / 2;
        return new Part[] {part(json, bounds, 0, mid), part(json, bounds, mid, n)};
    }

    /**
     * Start (inclusive) and end (exclusive) offsets, relative to the reader index, of each top-level element:
     * {@code [s0, e0, s1, e1, ...]}; null when {@code json} is not a well-formed top-level array.
     */
    static int[] elementBounds(ByteBuf json) {
        int base = json.readerIndex();
        int len = json.readableBytes();
        int i = skipSpace(json, base, 0, len);
        if (i >= len || json.getByte(base + i) != '[') {
            return null;
        }
        int[] bounds = new int[16];
        int count = 0;
        i = skipSpace(json, base, i + 1, len);
        if (i < len && json.getByte(base + i) == ']') {
            return trailingSpaceOnly(json, base, i + 1, len) ? new int[0] : null;
        }
        while (i < len) {
            int start = i;
            int end = elementEnd(json, base, i, len);
            if (end < 0) {
                return null;
            }
            if (count + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[count++] = start;
            bounds[count++] = end;
            i = skipSpace(json, base, end, len);
            if (i >= len) {
                return null;
            }
            byte b = json.getByte(base + i);
            if (b == ']') {
                return trailingSpaceOnly(json, base, i + 1, len) ? Arrays.copyOf(bounds, count) : null;
            }
            if (b != ',') {
                return null;
            }
            i = skipSpace(json, base, i + 1, len);
        }
        return null;
    }

    /** Offset just past the element starting at {@code i}; -1 if it does not end before the array does. */
    private static int elementEnd(ByteBuf json, int base, int i, int len) {
        int depth = 0;
        boolean inString = false;
        for (; i < len; i++) {
            byte b = json.getByte(base + i);
            if (inString) {
                if (b == '\\') {
                    i++; // the escaped byte cannot end the string
                } else if (b == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (depth == 0) {
                    return i; // the array's own ']' ends a bare scalar
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (depth == 0 && (b == ',' || isSpace(b))) {
                return i; // end of a bare scalar (number, true, false, null)
            }
        }
        return -1;
    }

    private static Part part(ByteBuf json, int[] bounds, int from, int to) {
        int start = bounds[2 * from];
        int end = bounds[2 * to - 1];
        ByteBuf out = Unpooled.buffer(end - start + 2);
        out.writeByte('[');
        json.getBytes(json.readerIndex() + start, out, end - start);
        out.writeByte(']');
        return new Part(out, to - from);
    }

    private static int skipSpace(ByteBuf json, int base, int i, int len) {
        while (i < len && isSpace(json.getByte(base + i))) {
            i++;
        }
        return i;
    }

    private static boolean trailingSpaceOnly(ByteBuf json, int base, int i, int len) {
        return skipSpace(json, base, i, len) == len;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
