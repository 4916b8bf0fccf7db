package io.logship.agent.sources.udp;

import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of datagrams dropped on one UDP socket because its receive buffer was full: the {@code drops}
 * column of {@code /proc/net/udp} and {@code /proc/net/udp6} (the socket's {@code sk_drops}, which the
 * {@code SO_RXQ_OVFL} control message also reports; Netty does not expose that one). The socket is found by its
 * inode (epoll transport: {@code /proc/self/fd/N} names it), else by its local port.
 *
 * <p>Cost: one read of the two tables per {@link #poll()}, about once a second, off the record path.
 *
 * <p>Not thread-safe: poll from one thread (the channel's event loop).
 */
final class UdpKernelDrops {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    /** Columns of a row: sl, local_address, rem_address, st, tx:rx, tr:tm, retrnsmt, uid, timeout, inode, ref,
     * pointer, drops. */
    private static final int INODE = 9;

    private static final int DROPS = 12;

    private final long inode;
    private final int port;
    private long reported;

    private UdpKernelDrops(long inode, int port) {
        this.inode = inode;
        this.port = port;
    }

    /** The counter of {@code channel}'s socket, which must be bound; its current value is the baseline. */
    static UdpKernelDrops of(Channel channel) {
        UdpKernelDrops drops =
                new UdpKernelDrops(inodeOf(channel), ((InetSocketAddress) channel.localAddress()).getPort());
        drops.reported = Math.max(0, drops.read());
        return drops;
    }

    /** The drops since the last poll (0 when the tables cannot be read, e.g. not Linux). */
    long poll() {
        long now = read();
        if (now < reported) {
            return 0; // not found (socket gone): nothing new
        }
        long delta = now - reported;
        reported = now;
        return delta;
    }

    /** The kernel's counter now, or -1 if the socket is not found or the tables are unreadable. */
    long read() {
        for (Path table : TABLES) {
            List<String> rows;
            try {
                rows = Files.readAllLines(table);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (int r = 1; r < rows.size(); r++) {
                String[] col = rows.get(r).trim().split("\\s+");
                if (col.length <= DROPS) {
                    continue;
                }
                boolean match = inode >= 0 ? Long.parseLong(col[INODE]) == inode : localPort(col[1]) == port;
                if (match) {
                    return Long.parseLong(col[DROPS]);
                }
            }
        }
        return -1;
    }

    private static int localPort(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
    }

    /** The socket's inode from {@code /proc/self/fd}, or -1 (NIO transport, not Linux). */
    private static long inodeOf(Channel channel) {
        if (!(channel instanceof UnixChannel unix)) {
            return -1;
        }
        try {
            String link = Files.readSymbolicLink(
                            Path.of("/proc/self/fd", Integer.toString(unix.fd().intValue())))
                    .toString(); // socket:[12345]
            if (!link.startsWith("socket:[")) {
                return -1;
            }
            return Long.parseLong(link.substring("socket:[".length(), link.length() - 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
