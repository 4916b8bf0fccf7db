/**
 * Sources: where records come from, one per {@code logs:} entry. The seam is
 * {@link io.logship.agent.sources.Source}: started with a {@link io.logship.agent.sources.SourceContext} (the
 * {@link io.logship.agent.sources.RecordSink} its lines go to, the event loops, the
 * {@link io.logship.agent.sources.ReadGate} that pauses it, the drop ledger, a directory for state that must
 * survive a restart); no socket in its contract. A source that can resume from a position (file offsets, Kafka
 * offsets) commits it only when {@link io.logship.agent.sources.RecordSink#whenDurable} says the records before it
 * are spooled or delivered. One sub-package per kind: {@code tcp}, {@code udp} (listeners, on Netty: epoll when
 * available, NIO otherwise).
 *
 * <p><b>Adding a source</b> (the file source, Kafka): one package {@code sources.<name>} with a class implementing
 * {@link io.logship.agent.sources.Source}, one {@code io.logship.config.LogSource} record with its keys (its
 * {@code type:} chooses it; it validates its own keys), and one case in {@code Pipeline#newSource}. The
 * record path after the sink (enrich, batch, spool, destinations, acknowledgements) is shared.
 *
 * <p>The TCP and UDP sources, in detail:
 *
 * <p><b>What enters:</b> bytes from clients: a {@code \n}-delimited stream per TCP connection
 * ({@link io.logship.agent.sources.tcp.TcpInput}), or datagrams holding one or more lines
 * ({@link io.logship.agent.sources.udp.UdpInput}); default address {@code 127.0.0.1:10518}. <b>What leaves:</b> one
 * record per line, enriched with the source's fields, added to the batcher of the channel's event loop
 * ({@link io.logship.agent.sources.SourcePipeline}); no per-record thread hand-off.
 *
 * <p><b>Limits and what happens at each one</b>
 * <ul>
 *   <li>Line length: the source's {@code max_message_bytes}; longer lines are chunked (see
 *       {@code io.logship.agent.frame}), never dropped, the connection stays open.</li>
 *   <li>Batch queue full: {@link io.logship.agent.sources.ReadGate} turns {@code autoRead} off on every input
 *       channel until it drains to half (TCP clients block). With {@code buffer.when_full: drop_newest} TCP keeps
 *       reading and each new record is dropped and counted ({@code buffer_full}, intentional) instead. UDP cannot
 *       block: meanwhile its records are dropped and counted ({@code udp_buffer_full}).</li>
 *   <li>A datagram over 65,536 bytes is truncated by the kernel. Datagrams the kernel drops because the socket's
 *       receive buffer ({@code receive_buffer_bytes}) is full are read from its counter
 *       ({@code /proc/net/udp}, about once a second and at close) and counted ({@code udp_kernel_drops}).</li>
 *   <li>TCP connections: at most {@code max_connections} per source, and all sources together at most what the
 *       {@link io.logship.agent.sources.tcp.ConnectionBudget} leaves below the process's descriptor limit; a new
 *       connection over either is closed at once and counted ({@code logship_connections_closed_total}, reason
 *       {@code cap} or {@code fd_limit}). A connection silent for {@code idle_timeout} is closed ({@code idle}).
 *       A failed accept (EMFILE) pauses accepting for 100 ms and is logged at most every 10 s, without a stack
 *       trace.</li>
 *   <li>An exception on a connection closes it, is counted, and logged at most every 10 s
 *       ({@link io.logship.agent.sources.InputErrors}).</li>
 * </ul>
 */
package io.logship.agent.sources;
