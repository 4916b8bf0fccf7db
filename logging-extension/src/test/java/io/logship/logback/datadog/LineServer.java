package io.logship.logback.datadog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP listener for tests: accepts connections one after the other and collects every {@code \n}-terminated
 * line. With {@code closeAfterFirstLine}, the first connection is closed by the server right after its first line
 * (daiquiri's experiment B / issue #46); {@link #firstClosed} opens when that is done.
 */
final class LineServer implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final CountDownLatch firstClosed = new CountDownLatch(1);
    private final ServerSocket server;
    private final boolean closeAfterFirstLine;
    private final Thread thread;
    private volatile Socket current;

    private LineServer(int port, boolean closeAfterFirstLine) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.closeAfterFirstLine = closeAfterFirstLine;
        this.thread = new Thread(this::acceptLoop, "test-line-server");
        thread.setDaemon(true);
        thread.start();
    }

    static LineServer start() throws IOException {
        return new LineServer(0, false);
    }

    static LineServer startOn(int port) throws IOException {
        return new LineServer(port, false);
    }

    static LineServer startClosingAfterFirstLine() throws IOException {
        return new LineServer(0, true);
    }

    /** A loopback port that was free a moment ago and that nobody listens on now. */
    static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                int n = connections.incrementAndGet();
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    if (closeAfterFirstLine && n == 1) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the test closed the server, or the client went away: accept the next one
            } finally {
                if (closeAfterFirstLine && connections.get() == 1) {
                    firstClosed.countDown();
                }
            }
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
