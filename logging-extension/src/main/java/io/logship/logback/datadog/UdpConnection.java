package io.logship.logback.datadog;

import io.logship.logback.encoder.RecordBuffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * A connected UDP socket to the agent: one datagram per record.
 *
 * <p>UDP gives no delivery signal, so this is best effort. The socket is connected, so when nothing listens the
 * kernel's ICMP "port unreachable" makes a later send fail: the writer then keeps the batch queued and reconnects
 * with backoff, exactly as for TCP. The datagram that triggered the ICMP is lost and cannot be known.
 *
 * <p>{@link #maxRecordBytes()} is the datagram limit; the writer truncates or drops bigger records before writing.
 */
public final class UdpConnection implements Connection {

    /**
     * Largest datagram sent, in bytes: {@value}. It mirrors the Datadog Agent's {@code logs_config.frame_size}
     * default (9000), the size of the buffer its UDP log listener reads into: a bigger datagram would be cut there.
     */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 9_000;

    /** The largest UDP payload over IPv4 (65,535 minus the 8-byte UDP and 20-byte IP headers): {@value}. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    private final String host;
    private final int port;
    private final int maxDatagramBytes;
    private volatile DatagramChannel channel;

    /** A UDP link to {@code host:port} sending datagrams up to {@code maxDatagramBytes}. */
    public UdpConnection(String host, int port, int maxDatagramBytes) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535]: " + port);
        }
        if (maxDatagramBytes < 512 || maxDatagramBytes > MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException(
                    "maxDatagramBytes must be in [512, " + MAX_DATAGRAM_BYTES + "]: " + maxDatagramBytes);
        }
        this.host = host;
        this.port = port;
        this.maxDatagramBytes = maxDatagramBytes;
    }

    @Override
    public void open() throws IOException {
        close();
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.connect(new InetSocketAddress(host, port));
            channel = ch;
        } catch (IllegalArgumentException e) { // includes UnresolvedAddressException
            ch.close();
            throw new IOException("cannot resolve " + host + ":" + port, e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        DatagramChannel ch = channel;
        return ch != null && ch.isOpen();
    }

    @Override
    public void checkPeer() throws IOException {
        if (!isOpen()) {
            throw new IOException("not connected to " + this);
        }
    }

    @Override
    public void write(RecordBuffer buffer, int[] ends, int count) throws IOException {
        DatagramChannel ch = channel;
        if (ch == null) {
            throw new IOException("not connected to " + this);
        }
        try {
            int start = 0;
            for (int i = 0; i < count; i++) {
                ch.write(buffer.slice(start, ends[i]));
                start = ends[i];
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public int maxRecordBytes() {
        return maxDatagramBytes;
    }

    @Override
    public void close() {
        DatagramChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // Closing a socket we are abandoning: there is nothing left to lose or to retry.
            }
        }
    }

    @Override
    public String toString() {
        return "udp://" + host + ":" + port;
    }
}
