package io.logship.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP server that reads every connection to its end and counts lines, line lengths and "seq" values.
 * Lines shorter or longer than the expected length are counted as malformed.
 */
final class LineCountingServer implements AutoCloseable {
    private final ServerSocket server;
    private final int expectedLineBytes;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Queue<Long> seqs = new ConcurrentLinkedQueue<>();
    private final Queue<String> samples = new ConcurrentLinkedQueue<>();
    private final CountDownLatch finished;

    LineCountingServer(int connections, int expectedLineBytes) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expectedLineBytes = expectedLineBytes;
        this.finished = new CountDownLatch(connections);
        Thread acceptor = new Thread(
                () -> {
                    for (int i = 0; i < connections; i++) {
                        try {
                            Socket socket = server.accept();
                            Thread reader = new Thread(() -> read(socket), "line-counter-" + i);
                            reader.setDaemon(true); // a failed test must not leave a reader blocking the JVM
                            reader.start();
                        } catch (IOException closed) {
                            return; // the test is over
                        }
                    }
                },
                "line-counter-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Waits until every expected connection has reached its end of stream. */
    boolean awaitFinished(long seconds) throws InterruptedException {
        return finished.await(seconds, TimeUnit.SECONDS);
    }

    long lines() {
        return lines.get();
    }

    long malformed() {
        return malformed.get();
    }

    List<Long> seqs() {
        return new ArrayList<>(seqs);
    }

    List<String> samples() {
        return new ArrayList<>(samples);
    }

    private void read(Socket socket) {
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[expectedLineBytes + 1];
        int lineLength = 0;
        try (socket;
                InputStream in = socket.getInputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (lineLength < line.length) {
                        line[lineLength] = buf[i];
                    }
                    lineLength++;
                    if (buf[i] == '\n') {
                        lineEnded(line, lineLength);
                        lineLength = 0;
                    }
                }
            }
            if (lineLength > 0) {
                malformed.incrementAndGet(); // a partial last line
            }
        } catch (IOException e) {
            malformed.incrementAndGet();
        } finally {
            finished.countDown();
        }
    }

    private void lineEnded(byte[] line, int length) {
        lines.incrementAndGet();
        if (length != expectedLineBytes) {
            malformed.incrementAndGet();
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.US_ASCII);
        if (samples.size() < 5) {
            samples.add(text);
        }
        int at = text.indexOf("\"seq\":");
        if (at >= 0) {
            seqs.add(
                    Long.parseLong(text.substring(at + 6, text.indexOf('}', at)).strip()));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
