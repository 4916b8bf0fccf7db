package io.logship.logback.tls;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS over a connected, non-blocking {@link SocketChannel}: an {@link SSLEngine} fed by the outputs' own selector, so
 * the handshake and the writes have the same deadlines as plain TCP, on the thread that sends.
 *
 * <p>The peer's application data is read and discarded (neither the agent nor a syslog daemon sends any that the
 * outputs need); its TLS messages (session tickets, key updates, alerts, {@code close_notify}) are processed.
 *
 * <p>Not thread-safe: one sending thread at a time. The owner closes the socket channel; closing it from another
 * thread breaks a wait in progress.
 */
public final class TlsChannel {

    /**
     * Under TLS 1.3, how long after the handshake to wait for the server's first message when it asked for a client
     * certificate, in ms: {@value}. Servers send a session ticket once they accept the certificate, or an alert.
     * Without this wait, records written right after the handshake would be lost when the server refuses.
     */
    static final long CLIENT_CERTIFICATE_VERDICT_WAIT_MILLIS = 1_000;

    /** TLS records (up to 16 KiB of data each) gathered into one socket write: {@value}. */
    static final int RECORDS_PER_WRITE = 4;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final SSLEngine engine;
    private final String peer;
    private final long writeTimeoutMillis;
    private ByteBuffer netOut;
    private ByteBuffer netIn; // filled from the socket; unwrapped bytes are compacted away
    private ByteBuffer appIn;

    /**
     * @param channel connected and non-blocking, registered with {@code selector}
     * @param peer {@code host:port}, for messages
     * @param writeTimeoutMillis how long a write may make no progress before it fails
     */
    public TlsChannel(
            SocketChannel channel, Selector selector, SSLEngine engine, String peer, long writeTimeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.keyFor(selector);
        this.engine = engine;
        this.peer = peer;
        this.writeTimeoutMillis = writeTimeoutMillis;
        int packet = engine.getSession().getPacketBufferSize();
        this.netOut = ByteBuffer.allocate(RECORDS_PER_WRITE * packet);
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /**
     * Runs the handshake, bounded by {@code timeoutMillis} in all.
     *
     * @throws IOException on timeout, a peer that closes, or a refused handshake, with the reason in words ({@link
     *     TlsFailure})
     */
    public void handshake(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            engine.beginHandshake();
            HandshakeStatus status = engine.getHandshakeStatus();
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                status = switch (status) {
                    case NEED_WRAP -> wrap(Math.max(1, remainingMillis(deadline)));
                    case NEED_TASK -> runTasks();
                    default -> unwrap(deadline, timeoutMillis);
                };
            }
            if (clientCertificateJudgedLater()) {
                awaitServerVerdict(Math.min(remainingMillis(deadline), CLIENT_CERTIFICATE_VERDICT_WAIT_MILLIS));
            }
        } catch (SSLException e) {
            throw TlsFailure.handshakeFailed(peer, e);
        } catch (EOFException e) {
            throw new EOFException("TLS handshake with " + peer + " failed: the server closed the connection"
                    + " (does it expect TLS, and does it want a client certificate?)");
        }
    }

    private boolean clientCertificateJudgedLater() {
        return "TLSv1.3".equals(engine.getSession().getProtocol())
                && Boolean.TRUE.equals(engine.getSession().getValue(CertificateRequestNoter.REQUESTED));
    }

    /**
     * Waits for the server's first record after the handshake: a session ticket means it accepted our certificate,
     * an alert (thrown by the engine) or an end of stream that it did not. A server that sends nothing is taken to
     * have accepted once the wait is over.
     */
    private void awaitServerVerdict(long waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            if (netIn.position() > 0) {
                netIn.flip();
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                netIn.compact();
                appIn.clear();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new EOFException();
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                if (result.bytesConsumed() > 0) {
                    return;
                }
                growNetInIfFull();
            }
            int n = channel.read(netIn);
            if (n < 0) {
                throw new EOFException();
            }
            long left = remainingMillis(deadline);
            if (n == 0) {
                if (left <= 0) {
                    return;
                }
                select(SelectionKey.OP_READ, left);
            }
        }
    }

    /** Encrypts and writes all of {@code sources}; fails if the write timeout passes without progress. */
    public void write(ByteBuffer... sources) throws IOException {
        try {
            while (hasRemaining(sources)) {
                netOut.clear();
                wrapRecords(sources);
                netOut.flip();
                flush(writeTimeoutMillis);
            }
        } catch (SSLException e) {
            throw TlsFailure.sessionFailed(peer, e);
        }
    }

    /** Wraps TLS records into {@code netOut} until it has no room for another or nothing is left to send. */
    private void wrapRecords(ByteBuffer[] sources) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        do {
            SSLEngineResult result = engine.wrap(sources, netOut);
            switch (result.getStatus()) {
                case CLOSED -> throw new IOException("the TLS session with " + peer + " is closed");
                case BUFFER_OVERFLOW -> {
                    if (netOut.position() == 0) {
                        netOut = ByteBuffer.allocate(packet + netOut.capacity());
                        continue;
                    }
                    return;
                }
                default -> {
                    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                }
            }
        } while (hasRemaining(sources) && netOut.remaining() >= packet);
    }

    /**
     * Reads what the peer sent without waiting and processes it.
     *
     * @return true if the peer closed the connection ({@code close_notify} or end of stream)
     * @throws IOException for a reset or a fatal alert (for example: the server refused our client certificate)
     */
    public boolean peerClosed() throws IOException {
        try {
            while (true) {
                int n = channel.read(netIn);
                if (n < 0) {
                    return true;
                }
                if (!drainInbound()) {
                    return true;
                }
                if (n == 0 || netIn.hasRemaining()) {
                    return false;
                }
            }
        } catch (SSLException e) {
            throw TlsFailure.sessionFailed(peer, e);
        }
    }

    /** Unwraps every whole TLS record held; false once the peer's side is closed. */
    private boolean drainInbound() throws IOException {
        while (netIn.position() > 0) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            appIn.clear();
            switch (result.getStatus()) {
                case CLOSED:
                    return false;
                case BUFFER_UNDERFLOW:
                    growNetInIfFull();
                    return true;
                case BUFFER_OVERFLOW:
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                    break;
                default:
                    HandshakeStatus hs = result.getHandshakeStatus();
                    if (hs == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    } else if (hs == HandshakeStatus.NEED_WRAP) {
                        wrap(writeTimeoutMillis); // a reply the engine owes, such as a key update
                    }
            }
        }
        return true;
    }

    /** Wraps what the engine has to send by itself (handshake messages, a key update) and writes it. */
    private HandshakeStatus wrap(long timeoutMillis) throws IOException {
        netOut.clear();
        SSLEngineResult result = engine.wrap(EMPTY, netOut);
        netOut.flip();
        flush(timeoutMillis);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + netOut.capacity());
        } else if (result.getStatus() == SSLEngineResult.Status.CLOSED
                && result.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
            throw new EOFException("TLS session closed during the handshake");
        }
        return result.getHandshakeStatus();
    }

    /** One handshake unwrap: reads (waiting up to the deadline) until the engine can take a whole record. */
    private HandshakeStatus unwrap(long deadline, long timeoutMillis) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            appIn.clear();
            switch (result.getStatus()) {
                case OK:
                    return result.getHandshakeStatus();
                case CLOSED:
                    throw new EOFException("TLS session closed during the handshake");
                case BUFFER_OVERFLOW:
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                    break;
                default: // BUFFER_UNDERFLOW: a partial record
                    growNetInIfFull();
                    awaitRead(deadline, timeoutMillis);
            }
        }
    }

    private void awaitRead(long deadline, long timeoutMillis) throws IOException {
        while (true) {
            int n = channel.read(netIn);
            if (n < 0) {
                throw new EOFException();
            }
            if (n > 0) {
                return;
            }
            long left = remainingMillis(deadline);
            if (left <= 0) {
                throw new IOException("TLS handshake with " + peer + " timed out after " + timeoutMillis
                        + " ms (connectTimeout); does the server speak TLS on this port?");
            }
            select(SelectionKey.OP_READ, left);
        }
    }

    private void flush(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) > 0) {
                deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                continue;
            }
            long left = remainingMillis(deadline);
            if (left <= 0) {
                throw new IOException(
                        "write to " + peer + " made no progress for " + timeoutMillis + " ms (writeTimeout)");
            }
            select(SelectionKey.OP_WRITE, left);
        }
    }

    private void select(int ops, long millis) throws IOException {
        int before = key.interestOps();
        key.interestOps(ops);
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(before);
        }
    }

    private HandshakeStatus runTasks() {
        // Certificate checks run here, on the sending thread, never on the application's.
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    private void growNetInIfFull() {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger =
                    ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private static long remainingMillis(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, left / 1_000_000L);
    }
}
