package io.logship.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logship.agent.Agent;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.metrics.SourceMeters;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.Source;
import io.logship.config.FileSource;
import io.logship.config.LogSource;
import io.logship.config.LogshipConfig;
import io.logship.config.Redacted;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The running agent's state as the JSON object {@code /status} answers and {@code logship-agent status} prints as a
 * table ({@link StatusTable}): sources, destination, delivered, backlog, drops by reason, last errors. Never a
 * secret: the destination URL passes through {@link Redacted}.
 *
 * <pre>
 * {"version":"0.1.0","sources":[{"name":"logs[0]","type":"tcp","address":"127.0.0.1:10518","connections":1,
 *  "records_in":12}],"destination":{"url":"...","local_intake":true,"state":"ok","last_error":null},
 *  "delivered":{"records":12,"batches":1},"backlog":{"buffer_bytes":0,"buffer_max_bytes":67108864,
 *  "spool_path":null,"spool_bytes":null},"drops":{"shutdown":0},"last_errors":[]}
 * </pre>
 *
 * <p>Thread-safe: reads counters only; called from the metrics server's event loop.
 */
final class AgentStatus {
    private static final JsonFactory JSON = new JsonFactory();

    private final LogshipConfig config;
    private final Agent agent;
    private final RecentWarnings warnings;

    AgentStatus(LogshipConfig config, Agent agent, RecentWarnings warnings) {
        this.config = config;
        this.agent = agent;
        this.warnings = warnings;
    }

    /** The state now, as JSON. */
    String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", Version.current());
            writeSources(json);
            writeDestination(json);
            json.writeObjectFieldStart("delivered");
            json.writeNumberField("records", agent.sendCounters().recordsSent());
            json.writeNumberField("batches", agent.sendCounters().batchesSent());
            json.writeEndObject();
            writeBacklog(json);
            json.writeObjectFieldStart("drops");
            for (Map.Entry<DropReason, Long> e : agent.drops().byReason().entrySet()) {
                json.writeNumberField(e.getKey().tag(), e.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("last_errors");
            for (String line : warnings.lines()) {
                json.writeString(Redacted.text(line));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private void writeSources(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("sources");
        List<Source> started = agent.sources();
        for (int i = 0; i < started.size(); i++) {
            Source source = started.get(i);
            LogSource entry = config.logs().get(i);
            SourceMeters meters = agent.metrics().source(source.name());
            json.writeStartObject();
            json.writeStringField("name", "logs[" + i + "]");
            json.writeStringField("type", entry.type().name().toLowerCase(Locale.ROOT));
            if (source instanceof Listening listening) {
                json.writeStringField("address", Addresses.hostPort(listening.localAddress()));
            } else if (entry instanceof FileSource file) {
                json.writeStringField("address", file.path());
            }
            json.writeNumberField("connections", meters.openConnections.get());
            json.writeNumberField("records_in", (long) meters.recordsIn.count());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeDestination(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("destination");
        boolean local = agent.localIntake().isPresent();
        json.writeStringField(
                "url", local ? agent.localIntake().get().baseUrl() + "/" : Redacted.url(agent.intakeUrl()));
        json.writeBooleanField("local_intake", local);
        json.writeStringField("state", agent.intakeHealth().problem().orElse("ok"));
        json.writeStringField("last_error", agent.intakeHealth().lastTrouble().orElse(null));
        json.writeEndObject();
    }

    private void writeBacklog(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("backlog");
        json.writeNumberField("buffer_bytes", agent.bufferedBytes());
        json.writeNumberField("buffer_max_bytes", config.buffer().maxBytes());
        json.writeStringField(
                "spool_path",
                config.spool().path().map(p -> p.toAbsolutePath().toString()).orElse(null));
        if (agent.spoolStats().isPresent()) {
            json.writeNumberField("spool_bytes", agent.spoolStats().get().sizeBytes());
            json.writeNumberField("spool_records", agent.recordsInSpool());
        } else {
            json.writeNullField("spool_bytes");
        }
        json.writeEndObject();
    }
}
