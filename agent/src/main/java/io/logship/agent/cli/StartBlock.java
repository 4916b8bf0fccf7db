package io.logship.agent.cli;

import io.logship.agent.Agent;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.Source;
import io.logship.config.FileSource;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Redacted;
import io.logship.config.SocketSource;
import io.logship.intake.LocalIntake;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The block the agent logs once it has started: every listener, the destination (its URL redacted, or the local
 * intake and its explorer page), the data directories and the metrics URL, so an operator knows from the first
 * screen where to send, where to look and what to scrape:
 *
 * <pre>
 * logship agent 0.1.0 started
 *   sources:     logs[0] tcp 127.0.0.1:10518
 *   destination: local intake at http://127.0.0.1:8282/ - explorer page
 *   page:        http://127.0.0.1:8282/
 *   data:        local intake /srv/logship-data/intake
 *   metrics:     http://127.0.0.1:9464/metrics (logship-agent status reads /status)
 * </pre>
 */
final class StartBlock {
    private static final String INDENT = "               ";

    private StartBlock() {}

    /** The block for a started agent; {@code metrics} is the metrics endpoint's address, absent when disabled. */
    static String render(LogshipConfig config, Agent agent, Optional<InetSocketAddress> metrics) {
        List<String> lines = new ArrayList<>();
        lines.add("logship agent " + Version.current() + " started");
        section(lines, "sources:", sources(config, agent));
        Optional<LocalIntake> local = agent.localIntake();
        if (local.isPresent()) {
            String page = local.get().baseUrl() + "/";
            section(lines, "destination:", List.of("local intake at " + page + " - explorer page"));
            section(lines, "page:", List.of(page));
        } else {
            section(lines, "destination:", List.of(Redacted.url(agent.intakeUrl())));
        }
        section(lines, "data:", dataDirectories(config, local.isPresent()));
        section(
                lines,
                "metrics:",
                List.of(metrics.map(a -> Addresses.url(a) + "/metrics (logship-agent status reads /status)")
                        .orElse("off (metrics.enabled: false)")));
        return String.join(System.lineSeparator(), lines);
    }

    private static List<String> sources(LogshipConfig config, Agent agent) {
        List<String> out = new ArrayList<>();
        List<Source> started = agent.sources();
        for (int i = 0; i < config.logs().size(); i++) {
            LogSource entry = config.logs().get(i);
            String where;
            if (i < started.size() && started.get(i) instanceof Listening listening) {
                where = Addresses.hostPort(listening.localAddress());
            } else if (entry instanceof FileSource file) {
                where = file.path();
            } else {
                where = "";
            }
            out.add("logs[" + i + "] " + entry.type().name().toLowerCase(Locale.ROOT) + " " + where + guards(entry));
        }
        if (out.isEmpty()) {
            out.add("none (logs: is empty)");
        }
        return out;
    }

    /** {@code , tls (client certificates required), allow 10.0.0.0/8 127.0.0.1/32}; empty for an open listener. */
    private static String guards(LogSource entry) {
        if (!(entry instanceof SocketSource socket)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        socket.tls()
                .ifPresent(tls -> sb.append(", tls")
                        .append(tls.clientCaFile().isPresent() ? " (client certificates required)" : ""));
        if (!socket.allow().isEmpty()) {
            sb.append(", allow");
            socket.allow().forEach(range -> sb.append(' ').append(range));
        }
        return sb.toString();
    }

    private static List<String> dataDirectories(LogshipConfig config, boolean localIntake) {
        List<String> out = new ArrayList<>();
        config.spool().path().ifPresent(p -> out.add("spool " + p.toAbsolutePath()));
        if (localIntake) {
            out.add("local intake " + config.localIntake().path().toAbsolutePath());
        }
        if (out.isEmpty()) {
            out.add("none: no spool.path, records wait in memory only");
        }
        return out;
    }

    private static void section(List<String> lines, String title, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String head = i == 0 ? "  " + title + INDENT.substring(title.length() + 2) : INDENT;
            lines.add(head + values.get(i));
        }
    }
}
