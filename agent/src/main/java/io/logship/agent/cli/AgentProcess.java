package io.logship.agent.cli;

import io.logship.agent.Agent;
import io.logship.agent.metrics.AgentMetrics;
import io.logship.agent.metrics.MetricsServer;
import io.logship.config.LogshipConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a process: starts the pipeline and the metrics endpoint, reports ready (while the intake takes what
 * is sent, see {@link io.logship.agent.destinations.DestinationHealth}), and on SIGTERM or SIGINT
 * stops them in order (bounded by {@code stop_grace_period}), logs the {@link ExitReport} (records delivered, kept
 * in the spool, lost by reason) and returns, so the process exits 0. Any other JVM shutdown (e.g.
 * {@code System.exit}) runs the same stop from a shutdown hook.
 */
public final class AgentProcess {
    private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);

    private final Agent agent;
    private final MetricsServer metricsServer;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    private AgentProcess(LogshipConfig config) throws IOException {
        AgentMetrics metrics = new AgentMetrics();
        ErrorLoggingWarmup.run();
        agent = Agent.start(config, metrics);
        try {
            metricsServer = config.metrics().enabled()
                    ? MetricsServer.start(
                            metrics,
                            this::notReadyBecause,
                            config.metrics().bind(),
                            config.metrics().port())
                    : null;
        } catch (RuntimeException e) {
            agent.close();
            throw new IOException(
                    "cannot serve metrics on " + config.metrics().bind() + ":"
                            + config.metrics().port() + ": " + e.getMessage(),
                    e);
        }
        if (metricsServer != null) {
            LOG.info(
                    "metrics at http://{}:{}/metrics",
                    config.metrics().bind(),
                    metricsServer.address().getPort());
        }
        ready.set(true);
    }

    /** {@code /ready}: not while starting or stopping, nor while the intake refuses or is unreachable. */
    private Optional<String> notReadyBecause() {
        if (!ready.get()) return Optional.of(stopping.get() ? "stopping" : "starting");
        return agent.intakeHealth().problem();
    }

    /** Starts everything, then blocks until the JVM shuts down and the agent has stopped. */
    public static void runUntilStopped(LogshipConfig config) throws IOException {
        AgentProcess process = new AgentProcess(config);
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "logship-agent-stop"));
        StopSignals.install(process::stop);
        try {
            process.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.stop();
        }
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        ready.set(false);
        LOG.info("stopping: flushing open batches and in-flight sends");
        try {
            agent.close();
            LOG.info("{}", ExitReport.of(agent));
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
