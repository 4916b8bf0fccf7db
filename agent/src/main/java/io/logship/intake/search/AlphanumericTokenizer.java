package io.logship.intake.search;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits text into runs of letters and digits, lower-cased: {@code java.lang.IllegalStateException} gives
 * {@code java}, {@code lang}, {@code illegalstateexception}. Tokens longer than {@value #MAX_TOKEN_CHARS} characters
 * are cut there (the rest of the run becomes further tokens), so a base64 blob cannot exceed Lucene's term limit.
 */
final class AlphanumericTokenizer extends Tokenizer {
    static final int MAX_TOKEN_CHARS = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final char[] buffer = new char[4096];
    private int bufferLength;
    private int bufferIndex;
    /** Characters consumed before {@link #buffer}'s start: the offset of {@code buffer[0]}. */
    private int consumed;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int start = -1;
        int length = 0;
        char[] chars = term.buffer();
        while (true) {
            if (bufferIndex >= bufferLength) {
                consumed += bufferLength;
                bufferLength = input.read(buffer, 0, buffer.length);
                bufferIndex = 0;
                if (bufferLength <= 0) {
                    bufferLength = 0;
                    break;
                }
            }
            char c = buffer[bufferIndex];
            if (Character.isLetterOrDigit(c)) {
                if (length == 0) {
                    start = consumed + bufferIndex;
                }
                if (length == chars.length) {
                    chars = term.resizeBuffer(length + 1);
                }
                chars[length++] = Character.toLowerCase(c);
                bufferIndex++;
                if (length == MAX_TOKEN_CHARS) {
                    break;
                }
            } else {
                bufferIndex++;
                if (length > 0) {
                    break;
                }
            }
        }
        if (length == 0) {
            return false;
        }
        term.setLength(length);
        offset.setOffset(correctOffset(start), correctOffset(start + length));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(consumed + bufferLength);
        offset.setOffset(last, last);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        bufferLength = 0;
        bufferIndex = 0;
        consumed = 0;
    }
}
