package io.logship.agent.sources;

import io.logship.agent.metrics.DropLedger;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline gives a {@link Source} when it starts it.
 *
 * @param sink where the source's lines go
 * @param loops the agent's event loops: a source reads on them (sockets) or schedules its reads there (files)
 * @param transport the channel classes of the loops (epoll or NIO), for sources that open sockets
 * @param gate backpressure: while it is paused a source stops reading (or, with {@code drop_newest}, the sink drops)
 * @param errors counts and rate-limits the log lines of failed connections and reads
 * @param drops the agent's one drop ledger
 * @param stateDirectory where a source keeps what must survive a restart (file checkpoints), when the agent has
 *     one ({@code spool.path})
 */
public record SourceContext(
        RecordSink sink,
        EventLoopGroup loops,
        Transport transport,
        ReadGate gate,
        InputErrors errors,
        DropLedger drops,
        Optional<Path> stateDirectory) {
    public SourceContext {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(drops, "drops");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
    }
}
