package io.logship.loadgen;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;

/**
 * Where one connection's lines go: a blocking TCP stream or UDP datagrams. {@link #send} either delivers every line
 * it was given to the kernel or throws.
 *
 * <p>Not thread-safe: one per connection.
 */
interface LineSink extends Closeable {
    /** Largest UDP datagram we build: {@value} bytes, below the Datadog Agent's 9000-byte UDP frame size. */
    int UDP_DATAGRAM_BYTES = 8192;
    /** Largest payload of one IPv4 UDP datagram: {@value} bytes; a longer line cannot be sent over UDP. */
    int UDP_MAX_LINE_BYTES = 65_507;

    /**
     * Sends whole lines.
     *
     * @param lines the bytes, position to limit; consumed
     * @param lineBytes the length of every line in {@code lines}
     */
    void send(ByteBuffer lines, int lineBytes) throws IOException;

    /** Tells the receiver no more lines follow (TCP half-close); then {@link #close()}. */
    void finish() throws IOException;

    static LineSink tcp(InetSocketAddress target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20); // big writes, few wakeups
            channel.connect(target);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new LineSink() {
            @Override
            public void send(ByteBuffer lines, int lineBytes) throws IOException {
                while (lines.hasRemaining()) {
                    channel.write(lines);
                }
            }

            @Override
            public void finish() throws IOException {
                channel.shutdownOutput();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** One datagram per {@code UDP_DATAGRAM_BYTES / lineBytes} whole lines (at least one). */
    static LineSink udp(InetSocketAddress target) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.connect(target);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new LineSink() {
            @Override
            public void send(ByteBuffer lines, int lineBytes) throws IOException {
                int perDatagram = Math.max(1, UDP_DATAGRAM_BYTES / lineBytes);
                while (lines.hasRemaining()) {
                    int take = Math.min(lines.remaining(), perDatagram * lineBytes);
                    ByteBuffer datagram = lines.duplicate().limit(lines.position() + take);
                    channel.write(datagram); // a connected datagram write sends all or throws
                    lines.position(lines.position() + take);
                }
            }

            @Override
            public void finish() {
                // UDP has no end-of-stream.
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
