/**
 * The {@code type: udp} source: {@link io.logship.agent.sources.udp.UdpSource} binds a
 * {@link io.logship.agent.sources.udp.UdpInput}; each datagram is split into lines. UDP cannot be paused: records
 * read while the buffer is full are dropped and counted ({@code udp_buffer_full}), and so are the datagrams the
 * kernel dropped ({@code udp_kernel_drops}). Limits: see {@code io.logship.agent.sources}.
 */
package io.logship.agent.sources.udp;
