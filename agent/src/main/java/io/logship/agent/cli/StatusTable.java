package io.logship.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code /status} JSON ({@link AgentStatus}) as the text {@code logship-agent status} prints: one titled section
 * each for sources, destination, backlog, drops and last errors, columns aligned.
 */
final class StatusTable {
    private static final String NL = System.lineSeparator();

    private StatusTable() {}

    static String render(String endpoint, JsonNode status) {
        StringBuilder out = new StringBuilder();
        out.append("logship agent ")
                .append(status.path("version").asText("?"))
                .append(" at ")
                .append(endpoint);
        out.append(NL);

        title(out, "Sources");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "TYPE", "ADDRESS", "CONNECTIONS", "RECORDS IN"));
        for (JsonNode source : status.path("sources")) {
            rows.add(List.of(
                    source.path("name").asText(),
                    source.path("type").asText(),
                    source.path("address").asText(""),
                    source.path("connections").asText(),
                    source.path("records_in").asText()));
        }
        if (rows.size() == 1) {
            out.append("  none").append(NL);
        } else {
            columns(out, rows);
        }

        JsonNode destination = status.path("destination");
        title(out, "Destination");
        List<List<String>> pairs = new ArrayList<>();
        pairs.add(List.of(
                "url:",
                destination.path("url").asText()
                        + (destination.path("local_intake").asBoolean() ? " (local intake, explorer page)" : "")));
        pairs.add(List.of("state:", destination.path("state").asText("?")));
        pairs.add(List.of("last error:", textOr(destination.path("last_error"), "none")));
        JsonNode delivered = status.path("delivered");
        pairs.add(List.of(
                "delivered:",
                ExitReport.count(delivered.path("records").asLong(), "record", "records") + " in "
                        + ExitReport.count(delivered.path("batches").asLong(), "batch", "batches")));
        columns(out, pairs);

        JsonNode backlog = status.path("backlog");
        title(out, "Backlog");
        long buffered = backlog.path("buffer_bytes").asLong();
        long max = backlog.path("buffer_max_bytes").asLong();
        List<List<String>> levels = new ArrayList<>();
        levels.add(List.of(
                "buffer:",
                buffered + " of " + max + " bytes (" + (max <= 0 ? 0 : Math.round(100.0 * buffered / max)) + "%)"));
        levels.add(List.of(
                "spool:",
                backlog.path("spool_bytes").isNull()
                                || backlog.path("spool_bytes").isMissingNode()
                        ? "none (no spool.path)"
                        : backlog.path("spool_bytes").asLong() + " bytes, "
                                + ExitReport.count(backlog.path("spool_records").asLong(), "record", "records")
                                + " in " + backlog.path("spool_path").asText()));
        columns(out, levels);

        title(out, "Drops");
        List<List<String>> drops = new ArrayList<>();
        drops.add(List.of("REASON", "RECORDS"));
        for (Iterator<Map.Entry<String, JsonNode>> it = status.path("drops").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            drops.add(List.of(e.getKey(), e.getValue().asText()));
        }
        if (drops.size() == 1) {
            out.append("  none").append(NL);
        } else {
            columns(out, drops);
        }

        title(out, "Last errors");
        if (status.path("last_errors").isEmpty()) {
            out.append("  none").append(NL);
        }
        for (JsonNode line : status.path("last_errors")) {
            out.append("  ").append(line.asText()).append(NL);
        }
        return out.toString();
    }

    private static String textOr(JsonNode node, String otherwise) {
        return node.isNull() || node.isMissingNode() ? otherwise : node.asText();
    }

    private static void title(StringBuilder out, String title) {
        out.append(NL)
                .append(title)
                .append(NL)
                .append("=".repeat(title.length()))
                .append(NL);
    }

    private static void columns(StringBuilder out, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append(NL);
        }
    }
}
