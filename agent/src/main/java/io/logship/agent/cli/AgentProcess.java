package io.logship.agent.cli;

import io.logship.agent.Agent;
import io.logship.agent.StartFailure;
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
 * The agent as a process: starts the pipeline and the metrics endpoint, logs the {@link StartBlock}, prints a
 * {@link StatusLine} every 10 s while on a terminal, reports ready (while the intake takes what is sent, see
 * {@link io.logship.agent.destinations.DestinationHealth}), and on SIGTERM or SIGINT stops them in order (bounded by
 * {@code stop_grace_period}), logs the {@link ExitReport} (records delivered, kept in the spool, lost by reason) and
 * returns it, so the process exits 0, or {@value ExitCodes#RECORDS_LOST} when records were lost at stop. Any other JVM shutdown
 * (e.g. {@code System.exit}) runs the same stop from a shutdown hook.
 */
public final class AgentProcess {
    private static final Logger LOG = LoggerFactory.getLogger(AgentProcess.class);

    private final Agent agent;
    private final MetricsServer metricsServer;
    private final RecentWarnings warnings;
    private final StatusTicker ticker;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile ExitReport report;

    private AgentProcess(LogshipConfig config, boolean terminal) throws IOException {
        AgentMetrics metrics = new AgentMetrics();
        ErrorLoggingWarmup.run();
        warnings = RecentWarnings.attach();
        try {
            agent = Agent.start(config, metrics);
        } catch (IOException | RuntimeException e) {
            warnings.detach();
            throw e;
        }
        try {
            metricsServer = config.metrics().enabled() ? startMetrics(config, metrics) : null;
        } catch (StartFailure e) {
            agent.close();
            warnings.detach();
            throw e;
        }
        metrics.status(new AgentStatus(config, agent, warnings)::json);
        LOG.info(
                "{}",
                StartBlock.render(
                        config, agent, Optional.ofNullable(metricsServer).map(MetricsServer::address)));
        long bufferMax = config.buffer().maxBytes();
        ticker = StatusTicker.startIf(
                terminal,
                StatusTicker.DEFAULT_PERIOD,
                () -> StatusLine.Snapshot.of(agent, bufferMax, System::nanoTime),
                AgentProcess::toTerminal);
        ready.set(true);
    }

    private MetricsServer startMetrics(LogshipConfig config, AgentMetrics metrics) throws StartFailure {
        try {
            return MetricsServer.start(
                    metrics,
                    this::notReadyBecause,
                    config.metrics().bind(),
                    config.metrics().port());
        } catch (Exception e) { // Netty's bind failure is a checked exception it throws undeclared
            throw StartFailure.cannotListen(
                    "metrics endpoint",
                    config.metrics().bind() + ":" + config.metrics().port(),
                    e,
                    "metrics.port",
                    "metrics.bind");
        }
    }

    /** The status line goes to the terminal itself, not to the log: a log redirected to a file stays clean. */
    private static void toTerminal(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** {@code /ready}: not while starting or stopping, nor while the intake refuses or is unreachable. */
    private Optional<String> notReadyBecause() {
        if (!ready.get()) {
            return Optional.of(stopping.get() ? "stopping" : "starting");
        }
        return agent.intakeHealth().problem();
    }

    /**
     * Starts everything, then blocks until SIGTERM/SIGINT (or a JVM shutdown) has stopped the agent; the status line
     * is printed when {@link Terminal#attached()}.
     *
     * @return what happened to the records of the run
     * @throws StartFailure when something cannot start (one line naming the component and the setting)
     */
    public static ExitReport runUntilStopped(LogshipConfig config) throws IOException {
        AgentProcess process = new AgentProcess(config, Terminal.attached());
        Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "logship-agent-stop"));
        StopSignals.install(process::stop);
        try {
            process.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.stop();
        }
        return process.report;
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        ready.set(false);
        ticker.close();
        LOG.info("stopping: flushing open batches and in-flight sends");
        try {
            agent.close();
            report = ExitReport.of(agent);
            if (report.lostAtStop() > 0) {
                LOG.warn("{} (exit code {}: records were lost at stop)", report, ExitCodes.RECORDS_LOST);
            } else {
                LOG.info("{}", report);
            }
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
            warnings.detach();
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
