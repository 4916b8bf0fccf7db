package io.logship.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders the page at {@code /}: a filter form (service, status, text) and the latest matching records in a table.
 *
 * <p>Every value that came from a client goes through {@link #escape}, so a record cannot inject markup or script.
 */
final class HtmlPage {
    /** Message text longer than this is cut on the page (the JSON API returns it whole). */
    static final int MAX_MESSAGE_CHARS = 500;

    private HtmlPage() {}

    static byte[] render(RecordQuery query, List<StoredRecord> records, IntakeStatus status) {
        StringBuilder html = new StringBuilder(4096 + records.size() * 256);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>logship local intake</title>")
                .append("<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}")
                .append("td.m{font-family:monospace;white-space:pre-wrap}</style></head><body>\n")
                .append("<h1>logship local intake</h1>\n<p>")
                .append(status.recordsAccepted())
                .append(" records accepted since start, ");
        html.append(status.recordsStored())
                .append(" stored (")
                .append(status.storedBytes())
                .append(" bytes), ")
                .append(status.recordsExpired())
                .append(" expired by retention.");
        if (status.mode() == LocalIntakeOptions.StorageMode.DISCARD) {
            html.append(" Discard mode: new records are counted, not stored.");
        }
        html.append(" Send logs to <code>POST /api/v2/logs</code>.</p>\n")
                .append("<form method=\"get\" action=\"/\">")
                .append(input("service", query.service().orElse("")))
                .append(input("status", query.status().orElse("")))
                .append(input("q", query.text().orElse("")))
                .append("<input type=\"hidden\" name=\"limit\" value=\"")
                .append(query.limit())
                .append("\">")
                .append("<button type=\"submit\">Filter</button></form>\n")
                .append("<table><tr><th>time</th><th>service</th><th>status</th><th>host</th><th>source</th>")
                .append("<th>tags</th><th>message</th></tr>\n");
        for (StoredRecord record : records) {
            html.append("<tr><td>")
                    .append(escape(record.timestamp().toString()))
                    .append("</td><td>")
                    .append(escape(record.service()))
                    .append("</td><td>")
                    .append(escape(record.status()))
                    .append("</td><td>")
                    .append(escape(record.hostname()))
                    .append("</td><td>")
                    .append(escape(record.ddsource()))
                    .append("</td><td>")
                    .append(escape(record.ddtags()))
                    .append("</td><td class=\"m\">")
                    .append(escape(shorten(record.message())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String input(String name, String value) {
        return name + " <input name=\"" + name + "\" value=\"" + escape(value) + "\"> ";
    }

    private static String shorten(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    /** Escapes the five characters that matter in HTML text and quoted attributes; {@code null} becomes "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    escaped.append("&amp;");
                    break;
                case '<':
                    escaped.append("&lt;");
                    break;
                case '>':
                    escaped.append("&gt;");
                    break;
                case '"':
                    escaped.append("&quot;");
                    break;
                case '\'':
                    escaped.append("&#39;");
                    break;
                default:
                    escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
