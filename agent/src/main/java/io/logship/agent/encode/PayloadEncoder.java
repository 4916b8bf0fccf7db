package io.logship.agent.encode;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.logship.config.Compression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses a batch's JSON array into an HTTP request body.
 *
 * <p>zstd goes through a reused {@link ZstdCompressCtx} on direct buffers (no copy to the heap); gzip and deflate
 * through a reused {@link Deflater}; {@link Compression#NONE} returns a retained duplicate of the input.
 *
 * <p>Threads: not thread-safe, and meant for a sender thread, never an event loop (compressing 5 MB takes
 * milliseconds). One encoder per sender thread; {@link #close()} frees the native state.
 *
 * <p>Ownership: {@link #encode} does not release its input and returns a new buffer the caller must release.
 */
public final class PayloadEncoder implements AutoCloseable {
    private static final byte[] GZIP_HEADER = {
        0x1f,
        (byte) 0x8b, // magic
        8, // CM = deflate
        0, // FLG: no name, no comment, no extra
        0,
        0,
        0,
        0, // MTIME unknown
        0, // XFL
        (byte) 0xff // OS unknown
    };

    private final Compression encoding;
    private final ByteBufAllocator alloc;
    private final ZstdCompressCtx zstd;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();

    /**
     * @param encoding the compression
     * @param level its level, within the encoding's range
     * @param alloc allocates the output buffers
     */
    public PayloadEncoder(Compression encoding, int level, ByteBufAllocator alloc) {
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.alloc = Objects.requireNonNull(alloc, "alloc");
        if (encoding != Compression.NONE) {
            encoding.checkLevel(level);
        }
        this.zstd = encoding == Compression.ZSTD ? new ZstdCompressCtx().setLevel(level) : null;
        this.deflater = encoding == Compression.GZIP || encoding == Compression.DEFLATE
                ? new Deflater(level, encoding == Compression.GZIP) // gzip: raw deflate + our own header
                : null;
    }

    public Compression encoding() {
        return encoding;
    }

    /**
     * @param json the uncompressed body (readable region); not released, indexes untouched
     * @return the body to send, owned by the caller
     */
    public ByteBuf encode(ByteBuf json) {
        switch (encoding) {
            case ZSTD:
                return zstd(json);
            case GZIP:
                return gzip(json);
            case DEFLATE:
                return deflate(json, alloc.directBuffer(json.readableBytes() / 4 + 64));
            default:
                return json.retainedDuplicate();
        }
    }

    private ByteBuf zstd(ByteBuf json) {
        ByteBuf src = directSingle(json);
        try {
            int srcLen = src.readableBytes();
            ByteBuf out = alloc.directBuffer((int) Zstd.compressBound(srcLen));
            try {
                ByteBuffer in = src.nioBuffer(src.readerIndex(), srcLen);
                ByteBuffer dst = out.nioBuffer(0, out.capacity());
                int n = zstd.compressDirectByteBuffer(dst, dst.position(), dst.remaining(), in, in.position(), srcLen);
                out.writerIndex(n);
                return out;
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
        } finally {
            if (src != json) {
                src.release();
            }
        }
    }

    private ByteBuf gzip(ByteBuf json) {
        ByteBuf out = alloc.directBuffer(json.readableBytes() / 4 + 64);
        out.writeBytes(GZIP_HEADER);
        deflate(json, out);
        crc.reset();
        crc.update(json.nioBuffer(json.readerIndex(), json.readableBytes()));
        out.writeIntLE((int) crc.getValue());
        out.writeIntLE(json.readableBytes()); // ISIZE: size mod 2^32
        return out;
    }

    /** Deflates {@code json} into {@code out} (appending), growing it as needed. */
    private ByteBuf deflate(ByteBuf json, ByteBuf out) {
        try {
            deflater.reset();
            deflater.setInput(json.nioBuffer(json.readerIndex(), json.readableBytes()));
            deflater.finish();
            while (!deflater.finished()) {
                out.ensureWritable(Math.max(8192, json.readableBytes() / 8));
                ByteBuffer dst = out.nioBuffer(out.writerIndex(), out.writableBytes());
                int n = deflater.deflate(dst);
                out.writerIndex(out.writerIndex() + n);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** The input itself when it is one direct buffer, else a direct copy the caller releases. */
    private ByteBuf directSingle(ByteBuf json) {
        if (json.isDirect() && json.nioBufferCount() == 1) {
            return json;
        }
        ByteBuf copy = alloc.directBuffer(json.readableBytes());
        copy.writeBytes(json, json.readerIndex(), json.readableBytes());
        return copy;
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
        }
        if (deflater != null) {
            deflater.end();
        }
    }
}
