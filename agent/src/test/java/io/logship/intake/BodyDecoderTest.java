package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final byte[] JSON = "[{\"message\":\"hello\"}]".getBytes(StandardCharsets.UTF_8);

    private static String decode(int limit, ContentEncoding encoding, byte[] body) throws IntakeException {
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        DecodedBody decoded = new BodyDecoder(limit).decode(encoding, buf);
        assertThat(buf.readerIndex()).isZero();
        return new String(decoded.bytes(), 0, decoded.length(), StandardCharsets.UTF_8);
    }

    private static byte[] zstdStreamed(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            for (byte[] part : parts) {
                zstd.write(part);
                zstd.flush();
            }
        }
        return out.toByteArray();
    }

    @Test
    void decodesZstdWithAndWithoutADeclaredSize() throws Exception {
        assertThat(decode(1000, ContentEncoding.ZSTD, Zstd.compress(JSON)))
                .isEqualTo(new String(JSON, StandardCharsets.UTF_8));
        assertThat(decode(1000, ContentEncoding.ZSTD, zstdStreamed(JSON)))
                .isEqualTo(new String(JSON, StandardCharsets.UTF_8));
    }

    @Test
    void decodesSeveralConcatenatedZstdFrames() throws Exception {
        byte[] first = Zstd.compress("[{},".getBytes(StandardCharsets.UTF_8));
        byte[] second = Zstd.compress("{}]".getBytes(StandardCharsets.UTF_8));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(decode(1000, ContentEncoding.ZSTD, both)).isEqualTo("[{},{}]");
    }

    @Test
    void refusesAZstdFrameThatDeclaresMoreThanTheLimit() {
        byte[] big = Zstd.compress(new byte[2000]);

        assertThatThrownBy(() -> decode(1000, ContentEncoding.ZSTD, big))
                .isInstanceOf(IntakeException.class)
                .hasMessage("payload too large: 2000 bytes uncompressed, limit is 1000 bytes");
    }

    @Test
    void refusesAStreamedZstdBodyOverTheLimit() throws Exception {
        byte[] big = zstdStreamed(new byte[600], new byte[600]);

        assertThatThrownBy(() -> decode(1000, ContentEncoding.ZSTD, big))
                .isInstanceOf(IntakeException.class)
                .hasMessage("payload too large: more than 1000 bytes uncompressed, limit is 1000 bytes")
                .extracting(e -> ((IntakeException) e).status())
                .isEqualTo(413);
    }

    @Test
    void refusesGarbageAndEmptyBodiesAs400() {
        byte[] garbage = "definitely not zstd".getBytes(StandardCharsets.UTF_8);

        for (ContentEncoding encoding :
                new ContentEncoding[] {ContentEncoding.ZSTD, ContentEncoding.GZIP, ContentEncoding.DEFLATE}) {
            assertThatThrownBy(() -> decode(1000, encoding, garbage))
                    .as(encoding.name())
                    .isInstanceOf(IntakeException.class)
                    .extracting(e -> ((IntakeException) e).status())
                    .isEqualTo(400);
            assertThatThrownBy(() -> decode(1000, encoding, new byte[0]))
                    .as(encoding.name() + " empty")
                    .isInstanceOf(IntakeException.class)
                    .extracting(e -> ((IntakeException) e).status())
                    .isEqualTo(400);
        }
    }

    @Test
    void refusesTruncatedZstdWithAndWithoutADeclaredSize() throws Exception {
        byte[] declared = Zstd.compress(IntakeLoadBenchmark.payload(20));
        byte[] streamed = zstdStreamed(IntakeLoadBenchmark.payload(20));

        assertThatThrownBy(() -> decode(100_000, ContentEncoding.ZSTD, Arrays.copyOf(declared, declared.length - 5)))
                .isInstanceOf(IntakeException.class)
                .hasMessageStartingWith("zstd body cannot be decoded: ");
        assertThatThrownBy(() -> decode(100_000, ContentEncoding.ZSTD, Arrays.copyOf(streamed, streamed.length - 5)))
                .isInstanceOf(IntakeException.class)
                .hasMessageStartingWith("zstd body cannot be decoded: ");
    }

    @Test
    void acceptsIdentityExactlyAtTheLimit() throws Exception {
        assertThat(decode(JSON.length, ContentEncoding.IDENTITY, JSON)).hasSize(JSON.length);
        assertThatThrownBy(() -> decode(JSON.length - 1, ContentEncoding.IDENTITY, JSON))
                .hasMessage("payload too large: " + JSON.length + " bytes uncompressed, limit is " + (JSON.length - 1)
                        + " bytes");
    }

    @Test
    void mapsContentEncodingHeaders() throws Exception {
        assertThat(ContentEncoding.of(null)).isEqualTo(ContentEncoding.IDENTITY);
        assertThat(ContentEncoding.of(" Zstd ")).isEqualTo(ContentEncoding.ZSTD);
        assertThat(ContentEncoding.of("x-gzip")).isEqualTo(ContentEncoding.GZIP);
        assertThatThrownBy(() -> ContentEncoding.of("gzip, zstd"))
                .isInstanceOf(IntakeException.class)
                .hasMessage("unsupported Content-Encoding 'gzip, zstd': expected gzip, deflate, zstd or identity");
    }
}
