package io.logship.agent.enrich;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logship.schema.ReservedAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The constant fields one source adds to each of its records ({@code hostname}, {@code service},
 * {@code ddsource}, {@code ddtags}), encoded to JSON bytes once, so the hot path only copies them.
 *
 * <p>An empty or null value means "do not add the field". Immutable and thread-safe.
 */
public final class SourceFields {
    private final byte[] hostname;
    private final byte[] service;
    private final byte[] ddsource;
    private final byte[] ddtags;

    /**
     * @param hostname the host's name ({@code hostname}); empty to add none
     * @param service the source's service ({@code service}); empty or null to add none
     * @param source the source's {@code source} ({@code ddsource}); empty or null to add none
     * @param ddtags the comma-separated tags (see {@link #joinTags}); empty to add none
     */
    public SourceFields(String hostname, String service, String source, String ddtags) {
        this.hostname = member(ReservedAttributes.HOSTNAME, hostname);
        this.service = member(ReservedAttributes.SERVICE, service);
        this.ddsource = member(ReservedAttributes.DDSOURCE, source);
        this.ddtags = member(ReservedAttributes.DDTAGS, ddtags);
    }

    /** Joins the source's tags then the global tags into a {@code ddtags} value: {@code k:v,k2:v2}. */
    public static String joinTags(List<String> sourceTags, List<String> globalTags) {
        List<String> all = new ArrayList<>(sourceTags);
        all.addAll(globalTags);
        all.removeIf(t -> t == null || t.isBlank());
        return String.join(",", all);
    }

    /** {@code "hostname":"..."}, or null when absent. */
    byte[] hostname() {
        return hostname;
    }

    byte[] service() {
        return service;
    }

    byte[] ddsource() {
        return ddsource;
    }

    byte[] ddtags() {
        return ddtags;
    }

    /** {@code "name":"escaped value"} as UTF-8, or null for an empty value. */
    static byte[] member(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null || value.isEmpty()) {
            return null;
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        String json = '"' + name + "\":\"" + new String(encoder.quoteAsString(value)) + '"';
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
