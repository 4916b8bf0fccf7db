package io.logship.logback.testing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TLS listener for tests (the JDK's {@link SSLServerSocket}): accepts connections one after the other,
 * counts completed and failed handshakes, and collects every {@code \n}-terminated line, or with {@code
 * octetCounted} every RFC 5425 / 6587 octet-counted frame ({@code LEN SP MSG}).
 */
public final class TlsLineServer implements AutoCloseable {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final AtomicInteger handshakes = new AtomicInteger();
    public final AtomicInteger failedHandshakes = new AtomicInteger();
    public final List<String> peerCertificates = new CopyOnWriteArrayList<>();
    /** Opens once the first connection was closed by the server (with {@link #startClosingAfterFirstLine}). */
    public final CountDownLatch firstClosed = new CountDownLatch(1);

    private final SSLServerSocket server;
    private final boolean octetCounted;
    private volatile boolean closeAfterFirstLine;
    private final Thread thread;
    private volatile Socket current;

    private TlsLineServer(SSLContext context, int port, boolean needClientAuth, boolean octetCounted)
            throws IOException {
        this.server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.setNeedClientAuth(needClientAuth);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.octetCounted = octetCounted;
        this.thread = new Thread(this::acceptLoop, "test-tls-line-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lines of text; with {@code needClientAuth} the client must present a certificate the context trusts. */
    public static TlsLineServer start(SSLContext context, boolean needClientAuth) throws IOException {
        return new TlsLineServer(context, 0, needClientAuth, false);
    }

    /** Lines of text; the first connection is closed by the server (close_notify) right after its first line. */
    public static TlsLineServer startClosingAfterFirstLine(SSLContext context) throws IOException {
        TlsLineServer server = new TlsLineServer(context, 0, false, false);
        server.closeAfterFirstLine = true;
        return server;
    }

    /** Lines of text on a given port (one a test freed). */
    public static TlsLineServer startOn(int port, SSLContext context) throws IOException {
        return new TlsLineServer(context, port, false, false);
    }

    /** Octet-counted syslog frames over TLS (RFC 5425). */
    public static TlsLineServer startOctetCounted(SSLContext context, boolean needClientAuth) throws IOException {
        return new TlsLineServer(context, 0, needClientAuth, true);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                current = socket;
                try {
                    socket.startHandshake();
                } catch (IOException e) {
                    failedHandshakes.incrementAndGet();
                    continue;
                }
                handshakes.incrementAndGet();
                try {
                    peerCertificates.add(socket.getSession().getPeerPrincipal().getName());
                } catch (IOException e) {
                    // no client certificate: nothing to note
                }
                if (octetCounted) {
                    readFrames(socket);
                } else {
                    readLines(socket);
                }
            } catch (IOException e) {
                // the test closed the server, or the client went away: accept the next one
            }
        }
    }

    private void readLines(Socket socket) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (closeAfterFirstLine) {
                closeAfterFirstLine = false;
                socket.close();
                firstClosed.countDown();
                return;
            }
        }
    }

    private void readFrames(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        while (true) {
            int length = 0;
            int b;
            while ((b = in.read()) != ' ') {
                if (b < 0) {
                    return;
                }
                if (b < '0' || b > '9') {
                    throw new IOException("not an octet count: byte " + b);
                }
                length = length * 10 + (b - '0');
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            lines.add(new String(frame, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        thread.join(5_000);
    }
}
