package io.logship.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.logship.logback.datadog.DatadogAppender;
import io.logship.logback.datadog.DeliveryStats;
import io.logship.logback.datadog.DeliveryStats.DropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.slf4j.LoggerFactory;

/**
 * The Datadog output's counters as Micrometer meters, tagged {@code output=<appender name>}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@value #SENT}</td><td>counter</td><td>records written to the agent's socket</td></tr>
 *   <tr><td>{@value #DROPPED}</td><td>counter, tag {@code reason}</td><td>records dropped, by
 *       {@link DropReason} (queue_full, too_large, oversize_datagram, encoding_failed, shutdown)</td></tr>
 *   <tr><td>{@value #QUEUED}</td><td>gauge</td><td>records waiting in the queue now</td></tr>
 * </table>
 *
 * <p>The appender is looked up by name on the root logger at each read, so the meters follow a re-initialisation
 * of logging (which replaces the appender and restarts its counters). Bound for the Datadog appenders present when
 * the registry binds, that is after logging was initialised.
 */
public class LogshipMetrics implements MeterBinder {

    private final Logger root;

    /** Meters of the Datadog appenders on the root logger of SLF4J's logback context. */
    public LogshipMetrics() {
        this((LoggerContext) LoggerFactory.getILoggerFactory());
    }

    /** Meters of the Datadog appenders on the root logger of {@code context}. */
    public LogshipMetrics(LoggerContext context) {
        this.root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    /** Records written to the agent. */
    public static final String SENT = "logship.records.sent";
    /** Records dropped, tagged by reason. */
    public static final String DROPPED = "logship.records.dropped";
    /** Records queued now. */
    public static final String QUEUED = "logship.queue.records";

    @Override
    public void bindTo(MeterRegistry registry) {
        List<DatadogAppender> appenders = LogshipOutputs.datadogAppenders(root);
        for (DatadogAppender appender : appenders) {
            String name = appender.getName();
            FunctionCounter.builder(SENT, name, n -> stat(n, DeliveryStats::getSent))
                    .tag("output", name)
                    .description("Records written to the agent")
                    .register(registry);
            for (DropReason reason : DropReason.values()) {
                FunctionCounter.builder(DROPPED, name, n -> stat(n, s -> s.getDropped(reason)))
                        .tag("output", name)
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                        .description("Records dropped by the logship output")
                        .register(registry);
            }
            Gauge.builder(QUEUED, name, n -> {
                        DatadogAppender current = find(n);
                        return current == null ? 0 : current.getQueuedRecords();
                    })
                    .tag("output", name)
                    .description("Records queued for the agent")
                    .register(registry);
        }
    }

    private double stat(String name, ToDoubleFunction<DeliveryStats> read) {
        DatadogAppender appender = find(name);
        return appender == null ? 0 : read.applyAsDouble(appender.getStats());
    }

    private DatadogAppender find(String name) {
        return root.getAppender(name) instanceof DatadogAppender ? (DatadogAppender) root.getAppender(name) : null;
    }
}
