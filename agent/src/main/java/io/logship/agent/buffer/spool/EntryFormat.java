package io.logship.agent.buffer.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The bytes of a segment file. All integers are big-endian.
 *
 * <pre>
 * segment  = file-header entry*
 * file-header (8)  = "LSSPOOL" 0x01                      magic + format version
 * entry = header (36) + payload
 *   0  int   ENTRY_MAGIC "LSEN"   finds entries again after damage
 *   4  int   payload length       0 .. {@link #MAX_PAYLOAD_BYTES}
 *   8  int   CRC32C               over bytes 4..8 and 12..end (everything but magic and itself)
 *   12 long  id
 *   20 int   record count
 *   24 int   attributes
 *   28 long  appended-at, epoch ms
 *   36 payload
 * </pre>
 *
 * <p>The checksum covers the length, so a flipped bit in the length is caught rather than trusted. The magic lets a
 * reader resynchronise after a damaged region: it looks for the next magic whose entry checks out.
 *
 * <p>Not thread-safe: {@link #encodeHeader} writes into a caller-owned buffer, one per writer.
 */
final class EntryFormat {
    /** "LSSPOOL" and format version 1. */
    static final long FILE_MAGIC = 0x4C53_5350_4F4F_4C01L;

    static final int FILE_HEADER_BYTES = 8;
    /** "LSEN". */
    static final int ENTRY_MAGIC = 0x4C53_454E;

    static final int HEADER_BYTES = 36;
    /**
     * Largest payload: {@value} bytes (64 MiB), 13× the intake's 5,000,000-byte uncompressed request limit. On
     * replay a larger length field is damage, not data.
     */
    static final int MAX_PAYLOAD_BYTES = 64 << 20;

    private static final int CRC_OFFSET = 8;
    private static final int ID_OFFSET = 12;

    private EntryFormat() {}

    /** Total bytes one entry takes on disk. */
    static long entryBytes(int payloadBytes) {
        return (long) HEADER_BYTES + payloadBytes;
    }

    /**
     * Fills {@code header} (cleared, {@value #HEADER_BYTES} bytes, flipped for writing) for the given payload.
     * The payload's position and limit are left as they were.
     */
    static void encodeHeader(ByteBuffer header, SpoolEntry entry, ByteBuffer payload) {
        header.clear();
        header.putInt(ENTRY_MAGIC)
                .putInt(entry.payloadBytes())
                .putInt(0)
                .putLong(entry.id())
                .putInt(entry.recordCount())
                .putInt(entry.attributes())
                .putLong(entry.appendedAtMillis());
        header.flip();
        header.putInt(CRC_OFFSET, checksum(header, 0, payload.duplicate()));
    }

    /**
     * Decodes and verifies the entry starting at {@code offset} of {@code segment} (absolute indexing; the buffer's
     * position is not used).
     *
     * @return the entry, or null when there is no whole, intact entry at that offset
     */
    static SpoolEntry decode(ByteBuffer segment, int offset) {
        int limit = segment.limit();
        if (limit - offset < HEADER_BYTES) {
            return null;
        }
        if (segment.getInt(offset) != ENTRY_MAGIC) {
            return null;
        }
        int length = segment.getInt(offset + 4);
        if (length < 0 || length > MAX_PAYLOAD_BYTES || length > limit - offset - HEADER_BYTES) {
            return null;
        }
        ByteBuffer payload =
                segment.duplicate().limit(offset + HEADER_BYTES + length).position(offset + HEADER_BYTES);
        if (checksum(segment, offset, payload) != segment.getInt(offset + CRC_OFFSET)) {
            return null;
        }
        return new SpoolEntry(
                segment.getLong(offset + ID_OFFSET),
                length,
                segment.getInt(offset + 20),
                segment.getInt(offset + 24),
                segment.getLong(offset + 28));
    }

    /** Whether a whole header claiming a plausible length starts at {@code offset} (the checksum is not checked). */
    static boolean plausibleHeader(ByteBuffer segment, int offset) {
        if (segment.limit() - offset < HEADER_BYTES || segment.getInt(offset) != ENTRY_MAGIC) {
            return false;
        }
        int length = segment.getInt(offset + 4);
        return length >= 0 && length <= MAX_PAYLOAD_BYTES;
    }

    /** CRC32C of header bytes 4..8 and 12..36 (at {@code headerOffset} in {@code header}) and the payload. */
    static int checksum(ByteBuffer header, int headerOffset, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().limit(headerOffset + CRC_OFFSET).position(headerOffset + 4));
        crc.update(header.duplicate().limit(headerOffset + HEADER_BYTES).position(headerOffset + ID_OFFSET));
        crc.update(payload);
        return (int) crc.getValue();
    }
}
