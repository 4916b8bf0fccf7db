package io.logship.intake;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Turns a request body into its uncompressed bytes, never producing more than {@code maxBodyBytes}.
 *
 * <p><b>Limit:</b> decompression stops as soon as the output passes {@code maxBodyBytes} (one byte over is enough to
 * know), so a zip bomb costs at most {@code maxBodyBytes + 1} bytes of memory and the time to inflate them.
 *
 * <p><b>Failure modes:</b> over the limit → {@link IntakeException} 413; a corrupt or truncated compressed stream
 * → 400. The caller keeps ownership of the {@link ByteBuf}: this class only reads it.
 *
 * <p>Thread-safe and stateless apart from its limit; runs on intake worker threads, never on the event loop.
 */
final class BodyDecoder {
    /** The first output buffer is the compressed size times this, a typical ratio for JSON logs. */
    private static final int EXPECTED_RATIO = 8;

    private static final int MIN_INITIAL_BYTES = 64 * 1024;

    private final int maxBodyBytes;

    BodyDecoder(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Decodes {@code body} (not released, reader index unchanged) as {@code encoding}. */
    DecodedBody decode(ContentEncoding encoding, ByteBuf body) throws IntakeException {
        int compressedBytes = body.readableBytes();
        if (encoding == ContentEncoding.IDENTITY) {
            if (compressedBytes > maxBodyBytes) {
                throw tooLarge(compressedBytes + " bytes");
            }
            byte[] bytes = new byte[compressedBytes];
            body.getBytes(body.readerIndex(), bytes);
            return new DecodedBody(bytes, compressedBytes);
        }
        if (compressedBytes == 0) {
            throw new IntakeException(400, encodingName(encoding) + " body is empty");
        }
        if (encoding == ContentEncoding.ZSTD) {
            return decodeZstd(body);
        }
        try (InputStream in = open(encoding, new ByteBufInputStream(body.duplicate(), false))) {
            return readBounded(in, compressedBytes);
        } catch (EOFException e) {
            throw new IntakeException(400, encodingName(encoding) + " body is truncated");
        } catch (ZipException e) {
            throw new IntakeException(400, encodingName(encoding) + " body is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new IntakeException(400, encodingName(encoding) + " body cannot be decoded: " + e.getMessage());
        }
    }

    /**
     * zstd in one call when the frame header declares its size (the Datadog Agent's and zstd-jni's one-shot
     * compressors do): about twice as fast as the stream. Anything else — no declared size, several frames, a
     * corrupt or truncated frame — goes through the bounded stream, which also produces the error message.
     */
    private DecodedBody decodeZstd(ByteBuf body) throws IntakeException {
        byte[] compressed = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), compressed);
        long declared = declaredZstdSize(compressed);
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        if (declared >= 0) {
            byte[] out = new byte[(int) declared];
            try {
                long written = Zstd.decompressByteArray(out, 0, out.length, compressed, 0, compressed.length);
                if (written == declared) {
                    return new DecodedBody(out, out.length);
                }
            } catch (ZstdException e) {
                // Several frames, or a corrupt one: the stream below decodes the first or reports the second.
            }
        }
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))) {
            return readBounded(in, compressed.length);
        } catch (IOException | RuntimeException e) {
            // zstd-jni reports corrupt or truncated frames as IOException or ZstdException.
            throw new IntakeException(400, "zstd body cannot be decoded: " + e.getMessage());
        }
    }

    /** The first frame's declared content size, or -1 when absent or unreadable. */
    private static long declaredZstdSize(byte[] compressed) {
        if (compressed.length == 0) {
            return -1;
        }
        try {
            long size = Zstd.getFrameContentSize(compressed, 0, compressed.length);
            return size >= 0 && !Zstd.isError(size) ? size : -1;
        } catch (ZstdException e) {
            return -1; // not a readable frame header: the stream reports it
        }
    }

    private static InputStream open(ContentEncoding encoding, ByteBufInputStream in) throws IOException {
        switch (encoding) {
            case GZIP:
                return new GZIPInputStream(in, 64 * 1024);
            case DEFLATE:
                return new InflaterInputStream(in, new Inflater(!looksLikeZlib(in)), 64 * 1024) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        inf.end(); // our own Inflater: InflaterInputStream only ends the default one
                    }
                };
            default:
                throw new IllegalStateException("not a compressed encoding: " + encoding);
        }
    }

    /** RFC 1950 header: CM = 8 (deflate), and CMF·256 + FLG is a multiple of 31. */
    private static boolean looksLikeZlib(ByteBufInputStream in) throws IOException {
        if (in.available() < 2) {
            return true; // too short for either format; let zlib report it
        }
        in.mark(2);
        int cmf = in.read();
        int flg = in.read();
        in.reset();
        return (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    private DecodedBody readBounded(InputStream in, int compressedBytes) throws IOException, IntakeException {
        long wanted = Math.max(MIN_INITIAL_BYTES, (long) compressedBytes * EXPECTED_RATIO);
        byte[] out = new byte[(int) Math.min(wanted, (long) maxBodyBytes + 1)];
        int length = 0;
        while (true) {
            if (length == out.length) {
                if (length > maxBodyBytes) {
                    throw tooLarge("more than " + maxBodyBytes + " bytes");
                }
                out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, (long) maxBodyBytes + 1));
            }
            int n = in.read(out, length, out.length - length);
            if (n < 0) {
                return new DecodedBody(out, length);
            }
            length += n;
        }
    }

    private IntakeException tooLarge(String observed) {
        return new IntakeException(
                413, "payload too large: " + observed + " uncompressed, limit is " + maxBodyBytes + " bytes");
    }

    private static String encodingName(ContentEncoding encoding) {
        return encoding.name().toLowerCase(Locale.ROOT);
    }
}
