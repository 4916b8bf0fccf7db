package io.logship.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * What one load run sent: the numbers behind the summary line.
 *
 * @param lines lines handed to the kernel, all connections together
 * @param bytes their bytes, newlines included
 * @param elapsedNanos from the first connect to the last connection's end
 * @param connections connections used
 * @param transport {@code tcp} or {@code udp}
 */
record LoadSummary(long lines, long bytes, long elapsedNanos, int connections, String transport) {
    private static final JsonFactory JSON = new JsonFactory();

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double linesPerSecond() {
        return elapsedNanos == 0 ? 0 : lines / seconds();
    }

    double mebibytesPerSecond() {
        return elapsedNanos == 0 ? 0 : bytes / seconds() / (1 << 20);
    }

    /** One line for people. */
    String toText() {
        return String.format(
                Locale.ROOT,
                "loadgen: %d lines, %d bytes in %.3f s: %.0f lines/s, %.1f MiB/s (%s, %d %s)",
                lines,
                bytes,
                seconds(),
                linesPerSecond(),
                mebibytesPerSecond(),
                transport,
                connections,
                connections == 1 ? "connection" : "connections");
    }

    /** One JSON object for scripts. */
    String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("lines", lines);
            json.writeNumberField("bytes", bytes);
            json.writeNumberField("elapsed_seconds", round(seconds(), 3));
            json.writeNumberField("lines_per_second", Math.round(linesPerSecond()));
            json.writeNumberField("mib_per_second", round(mebibytesPerSecond(), 2));
            json.writeNumberField("connections", connections);
            json.writeStringField("transport", transport);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
