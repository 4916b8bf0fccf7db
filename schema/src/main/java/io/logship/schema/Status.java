package io.logship.schema;

import java.nio.charset.StandardCharsets;

/**
 * Datadog's status vocabulary and the one mapping to it from the level words and numbers loggers write, as
 * Datadog's status remapper reads them: syslog severities 0–7, pino/bunyan levels 10–60, and the usual words in any
 * case and any prefix form ({@code ERROR}, {@code err}, {@code Warning}, {@code crit}, {@code Information}).
 *
 * <p>Stateless, thread-safe; the byte forms allocate nothing.
 */
public enum Status {
    EMERGENCY("emergency"),
    ALERT("alert"),
    CRITICAL("critical"),
    ERROR("error"),
    WARN("warn"),
    NOTICE("notice"),
    INFO("info"),
    DEBUG("debug"),
    OK("ok");

    /** The status a record gets when it carries none, or one no rule here recognises. */
    public static final Status DEFAULT = INFO;

    private static final Status[] SYSLOG = {EMERGENCY, ALERT, CRITICAL, ERROR, WARN, NOTICE, INFO, DEBUG};
    /**
     * Words whose every prefix (case-insensitive) names the status; the first word a value is a prefix of wins, so
     * {@code e} is an error and {@code em} an emergency. {@code fatal} is an emergency, as in Datadog's remapper.
     */
    private static final String[] WORDS = {
        "error",
        "warning",
        "informational",
        "debug",
        "trace",
        "verbose",
        "fatal",
        "critical",
        "alert",
        "emergency",
        "notice",
        "ok",
        "success",
        "panic",
        "severe",
        "fine",
        "finer",
        "finest",
    };

    private static final Status[] WORD_STATUS = {
        ERROR, WARN, INFO, DEBUG, DEBUG, DEBUG, EMERGENCY, CRITICAL, ALERT, EMERGENCY, NOTICE, OK, OK, EMERGENCY, ERROR,
        DEBUG, DEBUG, DEBUG,
    };
    /**
     * Whole words (abbreviations of zerolog's console writer, zap's dpanic), and the whole-word forms that plain-text
     * lines use.
     */
    private static final String[] EXACT = {
        "wrn",
        "err",
        "eror",
        "inf",
        "dbg",
        "trc",
        "ftl",
        "crt",
        "pnc",
        "dpanic",
        "warn",
        "info",
        "information",
        "crit",
        "emerg"
    };

    private static final Status[] EXACT_STATUS = {
        WARN, ERROR, ERROR, INFO, DEBUG, DEBUG, EMERGENCY, CRITICAL, EMERGENCY, CRITICAL, WARN, INFO, INFO, CRITICAL,
        EMERGENCY
    };
    /** Per first letter (a..z): the words (WORDS then EXACT) starting with it, as entries below, in order. */
    private static final int[][] BY_LETTER = new int[26][];
    /** Entry i: its lower-case bytes, its status, and whether its prefixes count. */
    private static final byte[][] ENTRY_BYTES;

    private static final Status[] ENTRY_STATUS;
    private static final boolean[] ENTRY_PREFIXES;

    static {
        int n = WORDS.length + EXACT.length;
        ENTRY_BYTES = new byte[n][];
        ENTRY_STATUS = new Status[n];
        ENTRY_PREFIXES = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean word = i < WORDS.length;
            ENTRY_BYTES[i] = (word ? WORDS[i] : EXACT[i - WORDS.length]).getBytes(StandardCharsets.US_ASCII);
            ENTRY_STATUS[i] = word ? WORD_STATUS[i] : EXACT_STATUS[i - WORDS.length];
            ENTRY_PREFIXES[i] = word;
        }
        for (int letter = 0; letter < 26; letter++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (ENTRY_BYTES[i][0] == 'a' + letter) {
                    count++;
                }
            }
            BY_LETTER[letter] = new int[count];
            count = 0;
            for (int i = 0; i < n; i++) {
                if (ENTRY_BYTES[i][0] == 'a' + letter) {
                    BY_LETTER[letter][count++] = i;
                }
            }
        }
    }
    /** Longest level value looked at, in bytes. */
    private static final int MAX_WORD = 16;

    private final String wireName;
    private final byte[] json;

    Status(String wireName) {
        this.wireName = wireName;
        this.json = ('"' + wireName + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /** The name written in a record's {@code status}. */
    public String wireName() {
        return wireName;
    }

    /** {@link #wireName()} as a JSON string, quotes included (a copy). */
    public byte[] jsonBytes() {
        return json.clone();
    }

    /**
     * The status of a level number: syslog severity 0–7, or pino/bunyan levels (10 trace, 20 debug, 30 info, 40 warn,
     * 50 error, 60 fatal; values in between go to the level below). Null for anything else.
     */
    public static Status ofNumber(long n) {
        if (n >= 0 && n <= 7) {
            return SYSLOG[(int) n];
        }
        if (n < 10 || n >= 70) {
            return null;
        }
        switch ((int) (n / 10)) {
            case 1:
            case 2:
                return DEBUG;
            case 3:
                return INFO;
            case 4:
                return WARN;
            case 5:
                return ERROR;
            default:
                return EMERGENCY;
        }
    }

    /**
     * The status of a level written as text ({@code b[off, off + len)}, UTF-8, without quotes): a word or its prefix
     * in any case, or a whole number as {@link #ofNumber}. Null when unknown ({@code garbage}, empty).
     *
     * @param prefixes whether a prefix of a word counts ({@code err}, {@code Warn}); false for plain-text lines,
     *     where only whole words are levels
     */
    public static Status ofWord(byte[] b, int off, int len, boolean prefixes) {
        if (len <= 0 || len > MAX_WORD) {
            return null;
        }
        if (isDigit(b[off])) {
            long n = 0;
            for (int i = off; i < off + len; i++) {
                if (!isDigit(b[i])) {
                    return null;
                }
                n = n * 10 + (b[i] - '0');
            }
            return ofNumber(n);
        }
        int letter = (b[off] | 0x20) - 'a'; // lower case for letters; anything else falls outside 0..25
        if (letter < 0 || letter >= 26) {
            return null;
        }
        for (int i : BY_LETTER[letter]) {
            byte[] word = ENTRY_BYTES[i];
            if (len <= word.length
                    && ((prefixes && ENTRY_PREFIXES[i]) || len == word.length)
                    && startsWithIgnoreCase(word, b, off, len)) {
                return ENTRY_STATUS[i];
            }
        }
        return null;
    }

    /** {@link #ofWord(byte[], int, int, boolean)} with prefixes, for a {@code String}. */
    public static Status ofWord(String value) {
        byte[] b = value.strip().getBytes(StandardCharsets.UTF_8);
        return ofWord(b, 0, b.length, true);
    }

    /** The status of a logback/SLF4J level name (TRACE, DEBUG, INFO, WARN, ERROR); {@link #DEFAULT} if unknown. */
    public static Status ofLevelName(String levelName) {
        Status s = levelName == null ? null : ofWord(levelName);
        return s == null ? DEFAULT : s;
    }

    private static boolean startsWithIgnoreCase(byte[] lowerWord, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerWord[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
