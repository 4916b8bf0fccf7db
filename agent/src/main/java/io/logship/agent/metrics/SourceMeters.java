package io.logship.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The meters of one input source: records and bytes in, open connections. */
public final class SourceMeters {
    public final Counter recordsIn;
    public final Counter bytesIn;
    public final AtomicInteger openConnections = new AtomicInteger();

    SourceMeters(MeterRegistry registry, String source) {
        recordsIn = Counter.builder("logship.records.in").tag("source", source)
                .description("Records received").register(registry);
        bytesIn = Counter.builder("logship.bytes.in").tag("source", source).baseUnit("bytes")
                .description("Bytes received, framing included").register(registry);
        Gauge.builder("logship.connections.open", openConnections, AtomicInteger::get).tag("source", source)
                .description("Open client connections").register(registry);
    }
}
