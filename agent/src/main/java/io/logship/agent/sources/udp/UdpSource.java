package io.logship.agent.sources.udp;

import io.logship.agent.metrics.DropLedger;
import io.logship.agent.metrics.DropReason;
import io.logship.agent.sources.InputErrors;
import io.logship.agent.sources.Listening;
import io.logship.agent.sources.Source;
import io.logship.agent.sources.SourceContext;
import io.logship.config.SocketSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code type: udp} entry of {@code logs:}: a {@link UdpInput} listener, bound when started. UDP cannot be slowed
 * down: records read while the buffer is full are dropped ({@link DropReason#UDP_BUFFER_FULL}), and datagrams the
 * kernel dropped are counted too ({@link DropReason#UDP_KERNEL_DROPS}). Datagrams from senders outside the
 * entry's {@code allow} list are dropped unread and counted ({@link DropReason#NOT_ALLOWED}).
 *
 * <p>Thread-safe.
 */
public final class UdpSource implements Source, Listening {
    private static final Logger LOG = LoggerFactory.getLogger(UdpSource.class);

    private final SocketSource config;
    private volatile UdpInput input;
    private volatile InputErrors errors;
    private final LongAdder notAllowed = new LongAdder();

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
        errors = context.errors();
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
                n -> drops.dropped(DropReason.UDP_KERNEL_DROPS, n),
                config::allows,
                () -> notAllowed(drops));
    }

    /** Counts a datagram from outside {@code allow} and says so at most every 10 s. */
    private void notAllowed(DropLedger drops) {
        drops.dropped(DropReason.NOT_ALLOWED, 1);
        notAllowed.increment();
        if (errors.mayLog(InputErrors.Kind.REFUSED)) {
            LOG.warn(
                    "{}: dropped datagrams from senders outside logs[].allow ({} since start; logged at most every {} s)",
                    name(),
                    notAllowed.sum(),
                    InputErrors.LOG_EVERY_SECONDS);
        }
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
