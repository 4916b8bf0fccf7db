package io.logship.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a URL, or a text that may hold one, is made printable: user-info ({@code user:pass@}) and the values of
 * key-like query parameters ({@code dd-api-key}, {@code api_key}, {@code apikey}, {@code token}, {@code key},
 * {@code secret}, {@code password}, {@code signature}...) become {@value Secret#REDACTED}. Used by the agent's start
 * line, retry and drop warnings, connection error messages, {@code /ready}, configuration errors and
 * {@code --print-config}.
 *
 * <p>Over-masking is the safe failure: a parameter whose name merely contains {@code key}, {@code token},
 * {@code secret}, {@code pass}, {@code auth} or {@code sig} is masked too. Structure (scheme, host, port, path,
 * parameter names) stays, so the operator still sees where the agent sends.
 *
 * <p>Stateless and thread-safe. Pitfalls: never build a message from {@link URI#toString()} of a configured URL;
 * pass it through {@link #url(URI)} first.
 */
public final class Redacted {
    /** A URL inside free text: scheme, then everything up to whitespace or a quote/bracket that ends it. */
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>()\\[\\]{}]+");
    /** Parameter names (lower case, letters and digits only) whose values are secrets. */
    private static final Pattern SECRET_NAME = Pattern.compile("key|token|secret|pass|auth|sig|credential");

    private Redacted() {}

    /** The printable form of {@code url}; null gives {@code "null"}. */
    public static String url(URI url) {
        return url == null ? "null" : url(url.toString());
    }

    /**
     * The printable form of a URL given as text: user-info and secret query values masked. Text that is not a URL
     * is returned with any URL inside it masked (see {@link #text(String)}).
     */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return text(url);
        }
        int authorityStart = scheme + 3;
        int authorityEnd = indexOfAny(url, "/?#", authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, authorityStart);
        out.append(at >= 0 ? Secret.REDACTED + authority.substring(at) : authority);
        int queryStart = url.indexOf('?', authorityEnd);
        int fragment = url.indexOf('#', authorityEnd);
        if (queryStart < 0 || (fragment >= 0 && fragment < queryStart)) {
            return out.append(url, authorityEnd, url.length()).toString();
        }
        int queryEnd = fragment < 0 ? url.length() : fragment;
        out.append(url, authorityEnd, queryStart + 1);
        String[] params = url.substring(queryStart + 1, queryEnd).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(param(params[i]));
        }
        return out.append(url, queryEnd, url.length()).toString();
    }

    /** {@code text} with every URL in it passed through {@link #url(String)}; null gives {@code "null"}. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        if (!text.contains("://")) {
            return text;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String found = m.group();
            int end = found.length();
            while (end > 0 && ".,;:!?".indexOf(found.charAt(end - 1)) >= 0) {
                end--; // punctuation after the URL
            }
            m.appendReplacement(out, Matcher.quoteReplacement(url(found.substring(0, end)) + found.substring(end)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether a query parameter or header named {@code name} carries a secret. */
    public static boolean isSecretName(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAME.matcher(plain).find();
    }

    private static String param(String param) {
        int eq = param.indexOf('=');
        if (eq < 0) {
            return param;
        }
        return isSecretName(param.substring(0, eq)) ? param.substring(0, eq + 1) + Secret.REDACTED : param;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
