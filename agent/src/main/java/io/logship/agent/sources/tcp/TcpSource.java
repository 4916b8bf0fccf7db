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

/**
 * A {@code type: tcp} entry of {@code logs:}: a {@link TcpInput} listener, bound when started. Its limits and
 * failure modes are {@link TcpInput}'s. Nothing it reads is dropped here: backpressure turns reading off, and
 * {@code drop_newest} drops in the sink ({@link DropReason#BUFFER_FULL}).
 *
 * <p>Thread-safe.
 */
public final class TcpSource implements Source, Listening {
    private final SocketSource config;
    private final ConnectionBudget budget;
    private volatile TcpInput input;

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
        input = TcpInput.bind(
                config.bind(),
                config.port(),
                config.maxConnections(),
                config.idleTimeout(),
                budget,
                context.transport(),
                context.loops(),
                context.sink(),
                context.gate(),
                context.errors());
    }

    @Override
    public InetSocketAddress localAddress() {
        return input.localAddress();
    }

    @Override
    public void drainAndClose(Duration drainFor) throws InterruptedException {
        if (input != null) {
            input.drainAndClose(drainFor);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (input != null) {
            input.close();
        }
    }
}
