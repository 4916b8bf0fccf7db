package io.logship.agent.enrich;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checks that a line is exactly one JSON object and reports which reserved top-level keys it has: first with
 * {@link FastJsonScanner} (byte level, decides the common case), else with one reused Jackson non-blocking parser:
 * a token pass only, no tree, no per-record parser.
 *
 * <p>The parser reads the lines as one stream of root-level values: each line is fed, its tokens read until the
 * object closes, then the parser must report {@link JsonToken#NOT_AVAILABLE} (all input used). Anything else
 * (a syntax error, an unclosed object, a second value on the line) means "not one object" and the parser is
 * replaced, since it is mid-document. It is also replaced every {@value #RECYCLE_EVERY} lines, which bounds its
 * field-name symbol table when keys are random.
 *
 * <p>Not thread-safe: one instance per event loop and source.
 */
final class JsonObjectScanner {
    /** Lines parsed before the parser (and its field-name table) is replaced by a fresh one. */
    static final int RECYCLE_EVERY = 100_000;
    /** The result for a line that is not exactly one JSON object. */
    static final int NOT_AN_OBJECT = -1;
    /** The result for a line that is a JSON object (as far as read) nested deeper than {@link #MAX_NESTING_DEPTH}. */
    static final int TOO_DEEP = -3;
    /**
     * Deepest nesting of a line kept as an object: {@value}. Deeper lines become a text {@code message}: in a batch
     * the record is one level deeper (the array), and the intake's parser refuses the whole batch past its limit
     * (Jackson's default 1000 in the local intake: a 1000-deep line made a 1001-deep batch and a 400 for all of its
     * records). 128 keeps far from every parser's limit while keeping any structure a log plausibly has (Datadog
     * indexes attributes to 20 levels).
     */
    static final int MAX_NESTING_DEPTH = 128;

    private final JsonFactory factory;
    private final FastJsonScanner fast = new FastJsonScanner();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private int linesOnParser;

    JsonObjectScanner(JsonFactory factory) {
        this.factory = factory;
        renew();
    }

    /**
     * @return the {@link ReservedKeys} bits present at the top level, {@link #NOT_AN_OBJECT}, or {@link #TOO_DEEP}
     */
    int scan(byte[] bytes, int off, int len) {
        int found = fast.scan(bytes, off, len);
        if (found != FastJsonScanner.DEFER) {
            return found;
        }
        fast.fields.reset(); // what Jackson decides is read for reserved keys only, not for the loggers' names
        return scanWithJackson(bytes, off, len);
    }

    /** Where the loggers' names are in the last line {@link #scan} accepted (empty if Jackson decided). */
    RecordFields fields() {
        return fast.fields;
    }

    /** The Jackson pass alone: the reference the fast path is tested against. */
    int scanWithJackson(byte[] bytes, int off, int len) {
        if (++linesOnParser > RECYCLE_EVERY) {
            renew();
        }
        try {
            feeder.feedInput(bytes, off, off + len);
            int found = 0;
            int depth = 0;
            do {
                JsonToken token = parser.nextToken();
                if (token == null || token == JsonToken.NOT_AVAILABLE) {
                    return reset();
                }
                switch (token) {
                    case START_OBJECT:
                    case START_ARRAY:
                        if (++depth > MAX_NESTING_DEPTH) {
                            renew(); // mid-document: take a new parser
                            return TOO_DEEP;
                        }
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        depth--;
                        break;
                    case FIELD_NAME:
                        if (depth == 1) {
                            found |= ReservedKeys.ANY_FIELD | ReservedKeys.bit(parser.currentName());
                        }
                        break;
                    default:
                        if (depth == 0) {
                            return reset(); // a scalar at the root
                        }
                }
            } while (depth > 0);
            return parser.nextToken() == JsonToken.NOT_AVAILABLE ? found : reset();
        } catch (IOException notJson) {
            // Not JSON (or not one value): the line becomes a message; the parser is broken, take a new one.
            return reset();
        }
    }

    private int reset() {
        renew();
        return NOT_AN_OBJECT;
    }

    private void renew() {
        try {
            if (parser != null) {
                parser.close();
            }
            parser = factory.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a JSON parser", e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        linesOnParser = 0;
    }
}
