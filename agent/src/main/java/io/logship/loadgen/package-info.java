/**
 * The agent's load generator, {@code logship-agent loadgen}: the other end of the agent's TCP/UDP listener in
 * benchmarks and delivery tests.
 *
 * <p><b>Out:</b> fixed-length JSON lines ({@code --line-bytes}, default 300) over {@code --connections} TCP streams
 * or UDP datagrams, as fast as the sockets take them or at {@code --rate} lines per second, for {@code --duration}
 * or exactly {@code --lines} lines; {@code --seq} numbers every line uniquely; {@code --probe} stamps every line
 * with {@code probe_us} (epoch µs at write) for the discard-mode intake's delay histogram. <b>Result:</b> one summary line
 * (or {@code --json}) with lines, bytes, elapsed time, lines/s and MiB/s.
 *
 * <p><b>Limits:</b> at most 1024 connections on at most 16 sending threads (beyond 16, each thread writes to its
 * connections in turn), lines up to 16 MiB (65,507 bytes over UDP), a 256 KiB pre-built block per thread (512 MiB
 * over all of them). <b>Failures:</b> a refused or broken
 * connection is reported on stderr with how many lines it had sent, and the exit code is 1; invalid options exit
 * with 2 and the usage text.
 */
package io.logship.loadgen;
