package io.logship.logback.datadog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A loopback TCP sink for benchmarks: one thread per connection reads and discards, counting lines and bytes.
 * Not a test: it has no assertions.
 */
final class DiscardSink implements AutoCloseable {

    final AtomicLong lines = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final ServerSocket server;

    DiscardSink() throws IOException {
        this(new ServerSocket());
    }

    /** A sink speaking TLS with {@code context}'s certificate. */
    static DiscardSink tls(SSLContext context) throws IOException {
        return new DiscardSink(context.getServerSocketFactory().createServerSocket());
    }

    private DiscardSink(ServerSocket unbound) throws IOException {
        server = unbound;
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "discard-sink-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> read(socket), "discard-sink-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void read(Socket socket) {
        byte[] buf = new byte[256 * 1024];
        try (socket;
                InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                long count = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        count++;
                    }
                }
                lines.addAndGet(count);
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // the client went away: this connection is done
        }
    }

    /** Waits until the line count stops changing for {@code quietMillis}, at most {@code maxMillis}. */
    long awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            long now = lines.get();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(quietMillis); // benchmark tool, not a test: a settle period is what is measured
        }
        return lines.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
