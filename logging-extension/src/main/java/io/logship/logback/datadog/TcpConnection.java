package io.logship.logback.datadog;

import io.logship.logback.encoder.RecordBuffer;
import io.logship.logback.tls.TlsChannel;
import io.logship.logback.tls.TlsClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A TCP connection to the agent: TCP keepalive on, a connect timeout, a write timeout, and a peer-closed probe.
 *
 * <p>The socket is non-blocking once connected. {@link #checkPeer()} reads from it: -1 (EOF) or a reset means the
 * agent closed the connection (an idle timeout, a restart), so the batch goes to a new connection instead of into the
 * void. Bytes the agent sends are read and discarded. {@link #write} waits for writability with a selector, up to the
 * write timeout, so a stalled agent cannot hold the writer forever.
 *
 * <p>The host name is resolved at every {@link #open()}, so a moved agent is found after a reconnect.
 *
 * <p>With a {@link TlsClient}, {@link #open()} also runs the TLS handshake (within the connect timeout, on the
 * writer's thread) and every byte goes through a {@link TlsChannel}; a refused handshake is a failed connect, its
 * message saying why (certificate not trusted, host name mismatch, ...).
 */
public final class TcpConnection implements Connection {

    /** How long a connect may take, in milliseconds: {@value}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;

    /** How long a write may make no progress before the connection is dropped and re-opened, in ms: {@value}. */
    public static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final long writeTimeoutMillis;
    private final TlsClient tls;
    private final ByteBuffer probe = ByteBuffer.allocate(512);
    private volatile SocketChannel channel;
    private volatile Selector selector;
    private volatile TlsChannel tlsChannel;

    /** A plain TCP connection to {@code host:port}; nothing is opened until {@link #open()}. */
    public TcpConnection(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        this(host, port, connectTimeout, writeTimeout, null);
    }

    /** A connection to {@code host:port}, over TLS unless {@code tls} is null. */
    public TcpConnection(String host, int port, Duration connectTimeout, Duration writeTimeout, TlsClient tls) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535]: " + port);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be in (0, 24 days]: " + connectTimeout);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be > 0: " + writeTimeout);
        }
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.writeTimeoutMillis = writeTimeout.toMillis();
        this.tls = tls;
    }

    @Override
    public void open() throws IOException {
        close();
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            // Batches are written whole; Nagle would only delay the last partial segment of each.
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            ch.configureBlocking(false);
            Selector s = Selector.open();
            ch.register(s, SelectionKey.OP_WRITE);
            selector = s;
            channel = ch;
            if (tls != null) {
                TlsChannel t = new TlsChannel(ch, s, tls.newEngine(host, port), host + ":" + port, writeTimeoutMillis);
                t.handshake(connectTimeoutMillis);
                tlsChannel = t;
            }
        } catch (IllegalArgumentException e) { // includes UnresolvedAddressException
            close();
            closeQuietly(ch);
            throw new IOException("cannot resolve " + host + ":" + port, e);
        } catch (IOException | RuntimeException e) {
            close();
            closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        SocketChannel ch = channel;
        return ch != null && ch.isOpen();
    }

    @Override
    public void checkPeer() throws IOException {
        SocketChannel ch = requireOpen();
        try {
            if (tls != null) {
                if (requireTls().peerClosed()) {
                    throw new PeerClosedException("peer closed the connection to " + host + ":" + port);
                }
                return;
            }
            int n;
            do {
                probe.clear();
                n = ch.read(probe); // non-blocking: 0 when the peer is there and silent
            } while (n > 0);
            if (n < 0) {
                throw new PeerClosedException("peer closed the connection to " + host + ":" + port);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void write(RecordBuffer buffer, int[] ends, int count) throws IOException {
        SocketChannel ch = requireOpen();
        ByteBuffer bytes = buffer.slice(0, count == 0 ? 0 : ends[count - 1]);
        try {
            if (tls != null) {
                requireTls().write(bytes);
                return;
            }
            long deadline = System.nanoTime() + writeTimeoutMillis * 1_000_000L;
            while (bytes.hasRemaining()) {
                if (ch.write(bytes) > 0) {
                    deadline = System.nanoTime() + writeTimeoutMillis * 1_000_000L;
                    continue;
                }
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (leftMillis <= 0) {
                    throw new IOException("write to " + host + ":" + port + " made no progress for "
                            + writeTimeoutMillis + " ms (writeTimeout)");
                }
                Selector s = selector;
                s.select(leftMillis);
                s.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    @Override
    public int maxRecordBytes() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        SocketChannel ch = channel;
        Selector s = selector;
        channel = null;
        selector = null;
        tlsChannel = null;
        if (s != null) {
            closeQuietly(s);
        }
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    private SocketChannel requireOpen() throws IOException {
        SocketChannel ch = channel;
        if (ch == null || !ch.isOpen()) {
            throw new IOException("not connected to " + host + ":" + port);
        }
        return ch;
    }

    private TlsChannel requireTls() throws IOException {
        TlsChannel t = tlsChannel;
        if (t == null) {
            throw new IOException("not connected to " + host + ":" + port);
        }
        return t;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing a socket we are abandoning: there is nothing left to lose or to retry.
        }
    }

    @Override
    public String toString() {
        return (tls == null ? "tcp://" : "tcp+tls://") + host + ":" + port;
    }
}
