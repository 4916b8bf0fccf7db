package io.logship.logback.journald;

import java.util.Set;

/**
 * Maps key/value keys to journal field names, the way daiquiri upper-cases its extras, made safe for journald.
 *
 * <p>journald accepts field names made of {@code A-Z}, {@code 0-9} and {@code _}, at most 64 characters, not
 * starting with a digit; names starting with {@code _} are trusted fields that only journald itself may set (a
 * client's are dropped). The mapping, applied in this order:
 *
 * <ol>
 *   <li>{@code a-z} become upper case; {@code A-Z}, {@code 0-9} and {@code _} stay; every other character
 *       (including non-ASCII letters) becomes {@code _}: {@code user.id} gives {@code USER_ID}.
 *   <li>A name that is empty, starts with {@code _} or a digit, or equals a field this appender writes itself
 *       ({@link #OWN_FIELDS}) gets the prefix {@value #PREFIX}: {@code _secret} gives {@code KV__SECRET},
 *       {@code 2fa} gives {@code KV_2FA}, {@code message} gives {@code KV_MESSAGE}.
 *   <li>The result is cut to {@value #MAX_LENGTH} characters.
 * </ol>
 *
 * <p>Different keys may map to the same name ({@code user-id} and {@code user.id}); journald then stores both
 * values under that one field.
 */
public final class JournalFieldNames {
    /** journald's limit on field name length (systemd's {@code JOURNAL_FIELD_NAME_MAX_SIZE}). */
    public static final int MAX_LENGTH = 64;
    /** Prefix for key names that would otherwise be invalid or would shadow the appender's own fields. */
    public static final String PREFIX = "KV_";
    /** The fields {@link JournaldAppender} writes itself. */
    public static final Set<String> OWN_FIELDS = Set.of(
            "MESSAGE",
            "PRIORITY",
            "SYSLOG_IDENTIFIER",
            "LOGGER_NAME",
            "LOGGER_LEVEL",
            "THREAD_NAME",
            "CODE_FILE",
            "CODE_LINE",
            "CODE_FUNC",
            "EXCEPTION_TEXT");

    private JournalFieldNames() {}

    /** The journal field name for a key/value key. */
    public static String forKey(String key) {
        String k = key == null ? "" : key;
        StringBuilder sb = new StringBuilder(k.length() + PREFIX.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c >= 'a' && c <= 'z') {
                sb.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                sb.append(c);
            } else {
                sb.append('_');
            }
        }
        if (sb.length() == 0
                || sb.charAt(0) == '_'
                || Character.isDigit(sb.charAt(0))
                || OWN_FIELDS.contains(sb.toString())) {
            sb.insert(0, PREFIX);
        }
        if (sb.length() > MAX_LENGTH) {
            sb.setLength(MAX_LENGTH);
        }
        return sb.toString();
    }
}
