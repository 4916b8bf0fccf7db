package io.logship.agent.sources.udp;

import io.logship.agent.metrics.DropLedger;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.Source;
import io.logship.agent.sources.SourceContext;
import io.logship.config.SocketSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code type: udp} entry of {@code logs:}: a {@link UdpInput} listener, bound when started. UDP cannot be slowed
 * down: records read while the buffer is full are dropped ({@link DropReason#UDP_BUFFER_FULL}), and datagrams the
 * kernel dropped are counted too ({@link DropReason#UDP_KERNEL_DROPS}).
 *
 * <p>Thread-safe.
 */
public final class UdpSource implements Source, Listening {
    private final SocketSource config;
    private volatile UdpInput input;

    /** @param config the entry (its type is UDP) */
    public UdpSource(SocketSource config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "udp:" + config.bind() + ':' + config.port();
    }

    @Override
    public void start(SourceContext context) throws IOException, InterruptedException {
        DropLedger drops = context.drops();
        input = UdpInput.bind(
                config.bind(),
                config.port(),
                config.receiveBufferBytes(),
                context.transport(),
                context.loops(),
                context.sink(),
                context.gate(),
                context.errors(),
                n -> drops.dropped(DropReason.UDP_BUFFER_FULL, n),
                n -> drops.dropped(DropReason.UDP_KERNEL_DROPS, n));
    }

    @Override
    public InetSocketAddress localAddress() {
        return input.localAddress();
    }

    @Override
    public void close() throws InterruptedException {
        if (input != null) {
            input.close();
        }
    }
}
