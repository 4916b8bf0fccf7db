package io.logship.agent.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastJsonScannerTest {
    private final FastJsonScanner fast = new FastJsonScanner();
    private final JsonObjectScanner jackson = new JsonObjectScanner(new JsonFactory());

    private int fast(String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8); // an offset inside a bigger array
        return fast.scan(bytes, 2, bytes.length - 4);
    }

    private int jackson(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return jackson.scanWithJackson(bytes, 0, bytes.length);
    }

    /** The fast path either defers or agrees with Jackson exactly. */
    private void agrees(String line) {
        int f = fast(line);
        if (f != FastJsonScanner.DEFER) {
            assertThat(f).as("fast path on %s", line).isEqualTo(jackson(line));
        }
    }

    @Test
    void decidesTypicalLogLinesItselfWithTheSameKeysAsJackson() {
        String[] lines = {
            "{\"message\":\"loadgen the quick brown fox\",\"user\":\"jd\",\"request_id\":42}",
            " {\"status\":\"warn\",\"timestamp\":1764000000000,\"hostname\":\"h\",\"service\":\"s\"} ",
            "{\"ddsource\":\"x\",\"ddtags\":\"a:b\",\"nested\":{\"message\":1,\"a\":[1,2.5,-3e-2,true,false,null]}}",
            "{}",
            "{ }",
            "{\"a\":{}}",
            "{\"a\":[]}",
            "{\"a\":[{}, [ ], \"\"]}",
            "{\"msg\":\"tab\\tnewline\\n quote\\\" backslash\\\\ slash\\/ \\b\\f\\r \\u00e9 \\uD83D\\uDE00\"}",
            "{\"ü\":\"ünïcödé 😀\",\"x\":-0,\"y\":0.0,\"z\":1E+9,\"w\":12345678901234567890123}",
        };
        for (String line : lines) {
            assertThat(fast(line)).as(line).isNotEqualTo(FastJsonScanner.DEFER).isEqualTo(jackson(line));
        }
    }

    @Test
    void defersWhatItDoesNotAcceptAndJacksonRejectsAllOfThese() {
        String[] bad = {
            "{\"a\":01}",
            "{\"a\":-}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":1e}",
            "{\"a\":+1}",
            "{\"a\":tru}",
            "{\"a\":truex}",
            "{\"a\":nul}",
            "{\"a\":fals}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"a\tb\"}",
            "{\"a\":1}x",
            "{} {}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{a:1}",
            "{\"a\":NaN}",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":1 /* c */}",
            "{\"a\":\"unterminated}",
            "{\"a\":{\"b\":1}",
            "{\"a\":1}}",
            "{\"a\":\"\\",
            "{\"a\":\"\\u00\"}",
            "{\"a\":-01}",
            "{\"a\":1e+}",
            "{\"a\":1.5.5}",
        };
        for (String line : bad) {
            assertThat(fast(line)).as(line).isEqualTo(FastJsonScanner.DEFER);
            assertThat(jackson(line)).as(line).isEqualTo(JsonObjectScanner.NOT_AN_OBJECT);
        }
    }

    @Test
    void defersEscapedTopLevelKeysDeepNestingAndHugeNumbersToJackson() {
        String escapedKey = "{\"mess\\u0061ge\":\"x\"}";
        String deep = "{\"a\":" + "[".repeat(FastJsonScanner.MAX_DEPTH) + "]".repeat(FastJsonScanner.MAX_DEPTH) + "}";
        String longNumber = "{\"a\":" + "1".repeat(FastJsonScanner.MAX_NUMBER_CHARS + 1) + "}";

        assertThat(fast(escapedKey)).isEqualTo(FastJsonScanner.DEFER);
        assertThat(fast(deep)).isEqualTo(FastJsonScanner.DEFER);
        assertThat(fast(longNumber)).isEqualTo(FastJsonScanner.DEFER);
        // and the combined scanner still gets them right through Jackson
        byte[] bytes = escapedKey.getBytes(StandardCharsets.UTF_8);
        assertThat(jackson.scan(bytes, 0, bytes.length)).isEqualTo(ReservedKeys.ANY_FIELD | ReservedKeys.MESSAGE);
        assertThat(jackson(deep)).isEqualTo(ReservedKeys.ANY_FIELD);
    }

    @Test
    void randomObjectsAndTheirMutationsNeverDisagreeWithJackson() {
        SplittableRandom random = new SplittableRandom(8);
        String noise = "{}[]\",:\\ \t0123456789-+.eEtrufalsn\u00e9x/u\u0001";
        int decided = 0;
        for (int i = 0; i < 3000; i++) {
            String valid = object(random, 0);
            assertThat(fast(valid)).as(valid).isEqualTo(jackson(valid));
            decided++;
            for (int m = 0; m < 5; m++) {
                StringBuilder mutated = new StringBuilder(valid);
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(4)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, noise.charAt(random.nextInt(noise.length())));
                    case 2 -> mutated.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
                    default -> mutated.setLength(at);
                }
                agrees(mutated.toString());
            }
        }
        assertThat(decided).isEqualTo(3000);
    }

    private static final String[] KEYS = {
        "message",
        "status",
        "timestamp",
        "hostname",
        "service",
        "ddsource",
        "ddtags",
        "user",
        "a",
        "ü",
        "messages",
        "Status"
    };

    private static String object(SplittableRandom random, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int members = random.nextInt(depth == 0 ? 6 : 3);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                sb.append(random.nextBoolean() ? "," : " , ");
            }
            sb.append('"')
                    .append(KEYS[random.nextInt(KEYS.length)])
                    .append("\":")
                    .append(value(random, depth + 1));
        }
        return sb.append('}').toString();
    }

    private static String value(SplittableRandom random, int depth) {
        switch (random.nextInt(depth > 3 ? 6 : 8)) {
            case 0:
                return "\"plain text " + random.nextInt(1000) + "\"";
            case 1:
                return "\"esc \\\" \\\\ \\n \\u00e9 é\"";
            case 2:
                return Integer.toString(random.nextInt(-1000, 1000));
            case 3:
                return random.nextInt(100) + "." + random.nextInt(100) + "e-" + random.nextInt(9);
            case 4:
                return random.nextBoolean() ? "true" : "false";
            case 5:
                return "null";
            case 6:
                return object(random, depth);
            default:
                return "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
        }
    }
}
