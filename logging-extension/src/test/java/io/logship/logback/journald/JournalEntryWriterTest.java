package io.logship.logback.journald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalEntryWriterTest {

    @Test
    void writesSingleLineValuesAsNameEqualsValue() {
        byte[] entry = new JournalEntryWriter()
                .field("MESSAGE", "hello w\u00f6rld")
                .field("PRIORITY", "6")
                .toByteArray();

        assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo("MESSAGE=hello w\u00f6rld\nPRIORITY=6\n");
    }

    @Test
    void writesValuesWithNewlinesInBinaryForm() {
        byte[] entry =
                new JournalEntryWriter().field("MESSAGE", "a\nb").field("X", "").toByteArray();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("MESSAGE\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes("a\nb\nX=\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(entry).isEqualTo(expected.toByteArray());
    }

    @Test
    void binaryLengthIsLittleEndian64Bit() {
        byte[] value = ("\n" + "x".repeat(299)).getBytes(StandardCharsets.US_ASCII);

        byte[] entry = new JournalEntryWriter().field("M", value).toByteArray();

        assertThat(entry).startsWith('M', '\n', 44, 1, 0, 0, 0, 0, 0, 0, '\n', 'x');
        assertThat(entry.length).isEqualTo(JournalEntryWriter.encodedSize("M", value.length));
    }

    @Test
    void upperCasesKeysLikeDaiquiri() {
        assertThat(JournalFieldNames.forKey("user")).isEqualTo("USER");
        assertThat(JournalFieldNames.forKey("requestId")).isEqualTo("REQUESTID");
        assertThat(JournalFieldNames.forKey("HTTP_STATUS2")).isEqualTo("HTTP_STATUS2");
    }

    @Test
    void replacesInvalidCharactersWithUnderscore() {
        assertThat(JournalFieldNames.forKey("user.id")).isEqualTo("USER_ID");
        assertThat(JournalFieldNames.forKey("a-b c")).isEqualTo("A_B_C");
        assertThat(JournalFieldNames.forKey("caf\u00e9")).isEqualTo("CAF_");
    }

    @Test
    void prefixesNamesJournaldWouldRejectOrThatShadowOwnFields() {
        assertThat(JournalFieldNames.forKey("_secret")).isEqualTo("KV__SECRET");
        assertThat(JournalFieldNames.forKey("2fa")).isEqualTo("KV_2FA");
        assertThat(JournalFieldNames.forKey("")).isEqualTo("KV_");
        assertThat(JournalFieldNames.forKey(null)).isEqualTo("KV_");
        assertThat(JournalFieldNames.forKey("message")).isEqualTo("KV_MESSAGE");
        assertThat(JournalFieldNames.forKey("priority")).isEqualTo("KV_PRIORITY");
    }

    @Test
    void cutsNamesAt64Characters() {
        assertThat(JournalFieldNames.forKey("k".repeat(100))).isEqualTo("K".repeat(64));
        assertThat(JournalFieldNames.forKey("_" + "k".repeat(100))).hasSize(64).startsWith("KV__K");
    }
}
