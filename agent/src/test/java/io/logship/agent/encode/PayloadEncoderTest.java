package io.logship.agent.encode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import io.logship.config.Compression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadEncoderTest {
    private static final String ARRAY = buildArray();

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsFromDirectBuffer(Compression encoding) throws Exception {
        roundTrip(encoding, Unpooled.directBuffer().writeBytes(ARRAY.getBytes(UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsFromHeapBufferRepeatedly(Compression encoding) throws Exception {
        for (int i = 0; i < 3; i++) {
            roundTrip(encoding, Unpooled.copiedBuffer(ARRAY, UTF_8));
        }
    }

    @Test
    void compressesRepetitiveLogsWell() {
        ByteBuf json = Unpooled.directBuffer().writeBytes(ARRAY.getBytes(UTF_8));
        try (PayloadEncoder encoder = new PayloadEncoder(Compression.ZSTD, 1, ByteBufAllocator.DEFAULT)) {
            ByteBuf body = encoder.encode(json);
            assertThat(body.readableBytes()).isLessThan(json.readableBytes() / 5);
            body.release();
        } finally {
            json.release();
        }
    }

    @Test
    void rejectsLevelOutsideRange() {
        assertThatThrownBy(() -> new PayloadEncoder(Compression.GZIP, 10, ByteBufAllocator.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gzip level must be in 1..9: 10");
        assertThatThrownBy(() -> new PayloadEncoder(Compression.ZSTD, 0, ByteBufAllocator.DEFAULT))
                .hasMessage("zstd level must be in 1..22: 0");
    }

    private static void roundTrip(Compression encoding, ByteBuf json) throws Exception {
        int before = json.readerIndex();
        try (PayloadEncoder encoder = new PayloadEncoder(encoding, encoding.defaultLevel(), ByteBufAllocator.DEFAULT)) {
            ByteBuf body = encoder.encode(json);
            byte[] compressed = ByteBufUtil.getBytes(body);
            body.release();

            byte[] plain = decode(encoding, compressed, json.readableBytes());

            assertThat(new String(plain, UTF_8)).isEqualTo(ARRAY);
            JsonNode array = new ObjectMapper().readTree(plain);
            assertThat(array.size()).isEqualTo(500);
            assertThat(array.get(499).get("message").asText()).isEqualTo("line 499 é");
            assertThat(json.readerIndex()).isEqualTo(before);
        } finally {
            json.release();
        }
    }

    private static byte[] decode(Compression encoding, byte[] body, int size) throws Exception {
        switch (encoding) {
            case ZSTD:
                return Zstd.decompress(body, size);
            case GZIP:
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                }
            case DEFLATE:
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                }
            default:
                return body;
        }
    }

    private static String buildArray() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"message\":\"line ")
                    .append(i)
                    .append(" é\",\"status\":\"info\",\"pad\":\"")
                    .append("x".repeat(200))
                    .append("\"}");
        }
        return sb.append(']').toString();
    }
}
