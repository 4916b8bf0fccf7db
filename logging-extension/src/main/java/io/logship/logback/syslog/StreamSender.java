package io.logship.logback.syslog;

import io.logship.logback.tls.TlsChannel;
import io.logship.logback.tls.TlsClient;
import io.logship.schema.Backoff;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends framed messages over one stream connection: TCP, TLS over TCP (RFC 5425), or a unix stream socket ({@link
 * UnixDomainSocketAddress}).
 *
 * <p>Limits and failure modes, so that the logging thread is never held for long:
 *
 * <ul>
 *   <li>Connecting is lazy (first message) and bounded by {@code connectTimeout}.
 *   <li>Each write is bounded by {@code writeTimeout}. A write that times out half-way closes the connection,
 *       because the stream can no longer be framed correctly.
 *   <li>After any failure the connection is closed and no new attempt is made for {@code reconnectDelay} (a
 *       fixed {@link Backoff}: the same delay after every failure, no jitter); messages
 *       sent in that window fail at once. So a dead daemon costs at most one timeout per delay, not one per message.
 *   <li>Before each write the socket is polled for end-of-stream. A daemon that closed an idle connection is thus
 *       noticed before a message is written into the dead socket (the way daiquiri loses one or two records).
 * </ul>
 *
 * <p>Thread-safe: one lock serialises writers so that frames never interleave.
 */
final class StreamSender implements MessageSender {
    private final SocketAddress address;
    private final Framing framing;
    private final long connectTimeoutMillis;
    private final long writeTimeoutMillis;
    private final Backoff reconnect;
    private final TlsClient tls;
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteBuffer probe = ByteBuffer.allocate(256);

    private SocketChannel channel;
    private Selector selector;
    private TlsChannel tlsChannel;
    private long nextAttemptNanos;
    private boolean everFailed;

    StreamSender(
            SocketAddress address,
            Framing framing,
            Duration connectTimeout,
            Duration writeTimeout,
            Duration reconnectDelay,
            TlsClient tls) {
        if (tls != null && !(address instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("TLS needs a host and port, not " + address);
        }
        this.tls = tls;
        this.address = address;
        this.framing = framing;
        this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
        this.writeTimeoutMillis = Math.max(1, writeTimeout.toMillis());
        this.reconnect = Backoff.fixed(reconnectDelay);
    }

    @Override
    public void send(byte[] message, int length) throws IOException {
        ByteBuffer[] frame = frame(message, length);
        lock.lock();
        try {
            ensureConnected();
            try {
                write(frame);
            } catch (IOException e) {
                failed();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private ByteBuffer[] frame(byte[] message, int length) {
        if (framing == Framing.OCTET_COUNTING) {
            byte[] prefix = (length + " ").getBytes(StandardCharsets.US_ASCII);
            return new ByteBuffer[] {ByteBuffer.wrap(prefix), ByteBuffer.wrap(message, 0, length)};
        }
        byte[] body = new byte[length + 1];
        for (int i = 0; i < length; i++) {
            byte b = message[i];
            body[i] = b == '\n' ? (byte) ' ' : b;
        }
        body[length] = '\n';
        return new ByteBuffer[] {ByteBuffer.wrap(body)};
    }

    private void ensureConnected() throws IOException {
        if (channel != null && peerClosed()) {
            closeChannel();
        }
        if (channel != null) {
            return;
        }
        long now = System.nanoTime();
        if (everFailed && now - nextAttemptNanos < 0) {
            throw new IOException("not connected to " + address + ", next attempt in "
                    + (nextAttemptNanos - now) / 1_000_000 + " ms");
        }
        try {
            connect();
        } catch (IOException e) {
            failed();
            throw e;
        }
    }

    /** True when the daemon has closed its end; syslog daemons never send, so any read other than 0 is a close. */
    private boolean peerClosed() {
        try {
            if (tlsChannel != null) {
                return tlsChannel.peerClosed();
            }
            probe.clear();
            return channel.read(probe) != 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void connect() throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        Selector sel = null;
        try {
            ch.configureBlocking(false);
            sel = Selector.open();
            if (!ch.connect(address)) {
                SelectionKey key = ch.register(sel, SelectionKey.OP_CONNECT);
                if (sel.select(connectTimeoutMillis) == 0) {
                    throw new IOException("connect to " + address + " timed out after " + connectTimeoutMillis + " ms");
                }
                ch.finishConnect();
                key.interestOps(0);
            } else {
                ch.register(sel, 0);
            }
            sel.selectedKeys().clear();
            if (tls != null) {
                InetSocketAddress inet = (InetSocketAddress) address;
                TlsChannel t = new TlsChannel(
                        ch,
                        sel,
                        tls.newEngine(inet.getHostString(), inet.getPort()),
                        inet.getHostString() + ":" + inet.getPort(),
                        writeTimeoutMillis);
                t.handshake(connectTimeoutMillis);
                tlsChannel = t;
            }
            channel = ch;
            selector = sel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, sel);
            throw e;
        }
    }

    private void write(ByteBuffer[] frame) throws IOException {
        if (tlsChannel != null) {
            tlsChannel.write(frame);
            return;
        }
        long deadline = System.nanoTime() + writeTimeoutMillis * 1_000_000L;
        SelectionKey key = channel.keyFor(selector);
        while (frame[frame.length - 1].hasRemaining()) {
            if (channel.write(frame) > 0) {
                continue;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new IOException("write to " + address + " timed out after " + writeTimeoutMillis + " ms");
            }
            key.interestOps(SelectionKey.OP_WRITE);
            selector.select(left);
            selector.selectedKeys().clear();
            key.interestOps(0);
        }
    }

    private void failed() {
        closeChannel();
        everFailed = true;
        nextAttemptNanos = System.nanoTime() + reconnect.delay(1).toNanos();
    }

    private void closeChannel() {
        closeQuietly(channel, selector);
        channel = null;
        selector = null;
        tlsChannel = null;
    }

    private static void closeQuietly(SocketChannel ch, Selector sel) {
        try {
            if (sel != null) {
                sel.close();
            }
        } catch (IOException e) {
            // Closing a selector releases only local resources; nothing is lost.
        }
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            // Whatever was unsent at close time is already counted by the caller as failed.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (channel != null) {
                closeChannel();
            }
        } finally {
            lock.unlock();
        }
    }
}
