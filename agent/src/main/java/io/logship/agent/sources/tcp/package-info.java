/**
 * The {@code type: tcp} source: {@link io.logship.agent.sources.tcp.TcpSource} binds a
 * {@link io.logship.agent.sources.tcp.TcpInput} listener; each connection is framed into lines, written ahead after
 * each read, and paused by backpressure ({@code autoRead} off). Limits: see {@code io.logship.agent.sources}.
 */
package io.logship.agent.sources.tcp;
