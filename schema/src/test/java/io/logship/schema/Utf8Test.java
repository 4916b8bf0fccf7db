package io.logship.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void acceptsWellFormedText() {
        byte[] text = "plain ascii line that is long enough for the 8-byte path, é € 😀 日本".getBytes(UTF_8);

        assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
    }

    @Test
    void rejectsOverlongSurrogatesAndOutOfRange() {
        byte[][] invalid = {
            {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xf8},
            {(byte) 0x80},
            {(byte) 0xe2, (byte) 0x82}
        };
        for (byte[] bytes : invalid) {
            assertThat(Utf8.isValid(bytes, 0, bytes.length)).isFalse();
        }
    }

    @Test
    void repairKeepsValidCharactersAndGivesValidUtf8OnRandomBytes() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            byte[] out = new byte[Utf8.maxRepairedLength(bytes.length)];

            int len = Utf8.repair(bytes, 0, bytes.length, out);

            assertThat(Utf8.isValid(out, 0, len)).isTrue();
            String jdk = new String(bytes, UTF_8);
            assertThat(new String(out, 0, len, UTF_8).replace("\uFFFD", "")).isEqualTo(jdk.replace("\uFFFD", ""));
            boolean valid = Arrays.equals(jdk.getBytes(UTF_8), bytes);
            assertThat(Utf8.isValid(bytes, 0, bytes.length)).isEqualTo(valid);
            if (valid) {
                assertThat(Arrays.copyOf(out, len)).isEqualTo(bytes);
            }
        }
    }

    @Test
    void boundaryNeverSplitsACharacter() {
        byte[] bytes = "aé€".getBytes(UTF_8); // 1 + 2 + 3 bytes

        assertThat(Utf8.boundary(bytes, 6)).isEqualTo(6);
        assertThat(Utf8.boundary(bytes, 5)).isEqualTo(3);
        assertThat(Utf8.boundary(bytes, 4)).isEqualTo(3);
        assertThat(Utf8.boundary(bytes, 2)).isEqualTo(1);
        assertThat(Utf8.boundary(bytes, -1)).isEqualTo(0);
    }

    @Test
    void asciiCheck() {
        assertThat(Utf8.isAscii("plain text~")).isTrue();
        assertThat(Utf8.isAscii("café")).isFalse();
    }
}
