/**
 * The {@code type: tcp} source: {@link io.logship.agent.sources.tcp.TcpSource} binds a
 * {@link io.logship.agent.sources.tcp.TcpInput} listener; each connection is framed into lines, written ahead after
 * each read, and paused by backpressure ({@code autoRead} off). Limits: see {@code io.logship.agent.sources}.
 *
 * <p>Admission happens once per connection, never per record
 * ({@link io.logship.agent.sources.tcp.ConnectionInitializer}): the {@code allow} list, the descriptor budget and
 * {@code max_connections} close a refused connection before anything is read. With {@code tls:} each connection then
 * gets an {@code SslHandler} from {@link io.logship.agent.sources.tcp.ServerTls} (which reloads changed certificate
 * files) and {@link io.logship.agent.sources.tcp.TlsRefusals} turns failed handshakes into counters. Every refusal
 * is counted per source ({@code logship_connections_closed_total{reason}}) and logged at most every 10 s.
 */
package io.logship.agent.sources.tcp;
