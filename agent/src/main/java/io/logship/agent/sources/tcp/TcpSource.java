package io.logship.agent.sources.tcp;

import io.logship.agent.metrics.DropReason;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.Source;
import io.logship.agent.sources.SourceContext;
import io.logship.config.SocketSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code type: tcp} entry of {@code logs:}: a {@link TcpInput} listener, bound when started, and its
 * {@link ServerTls} when the entry has a {@code tls:} section. Its limits and
 * failure modes are {@link TcpInput}'s. Nothing it reads is dropped here: backpressure turns reading off, and
 * {@code drop_newest} drops in the sink ({@link DropReason#BUFFER_FULL}).
 *
 * <p>Thread-safe.
 */
public final class TcpSource implements Source, Listening {
    private final SocketSource config;
    private final ConnectionBudget budget;
    private volatile TcpInput input;
    private volatile ServerTls tls;

    /**
     * @param config the entry (its type is TCP)
     * @param budget the descriptors all TCP sources may hold together
     */
    public TcpSource(SocketSource config, ConnectionBudget budget) {
        this.config = Objects.requireNonNull(config, "config");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public String name() {
        return "tcp:" + config.bind() + ':' + config.port();
    }

    @Override
    public void start(SourceContext context) throws IOException, InterruptedException {
        if (config.tls().isPresent()) {
            try {
                tls = ServerTls.start(config.tls().get(), "tcp " + config.bind() + ":" + config.port());
            } catch (IOException e) {
                throw new IOException(name() + ": " + e.getMessage(), e);
            }
        }
        try {
            input = TcpInput.bind(
                    config,
                    Optional.ofNullable(tls),
                    budget,
                    context.transport(),
                    context.loops(),
                    context.sink(),
                    context.gate(),
                    context.errors());
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (tls != null) {
                tls.close(); // its reload thread would outlive a source that never started
            }
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return input.localAddress();
    }

    @Override
    public void drainAndClose(Duration drainFor) throws InterruptedException {
        try {
            if (input != null) {
                input.drainAndClose(drainFor);
            }
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (input != null) {
                input.close();
            }
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }
}
