package io.logship.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP listener that reads and throws away everything, for measuring {@link LoadGenerator}'s own ceiling (and a
 * peer's) without an agent in the way. Not a test: run it by hand, one thread per connection.
 *
 * <pre>java -cp agent/target/test-classes io.logship.loadgen.DiscardListener 19000 [--count-lines]</pre>
 * Prints the running byte (and, with {@code --count-lines}, newline) totals each time a connection ends. Counting
 * newlines costs CPU that the generator would otherwise get, so ceilings are measured without it. Stop it with
 * Ctrl-C / SIGTERM.
 */
public final class DiscardListener {
    private DiscardListener() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        boolean countLines = args.length > 1 && args[1].equals("--count-lines");
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            System.out.println("discard: listening on 127.0.0.1:" + port);
            while (true) {
                SocketChannel channel = server.accept();
                Thread reader = new Thread(() -> drain(channel, countLines, bytes, lines), "discard");
                reader.setDaemon(true);
                reader.start();
            }
        }
    }

    private static void drain(SocketChannel channel, boolean countLines, AtomicLong bytes, AtomicLong lines) {
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long newlines = 0;
        try (channel) {
            for (int n = channel.read(buf); n >= 0; n = channel.read(buf)) {
                buf.flip();
                while (countLines && buf.hasRemaining()) {
                    if (buf.get() == '\n') {
                        newlines++;
                    }
                }
                buf.clear();
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            System.out.println("discard: connection failed: " + e);
        }
        System.out.println("discard: total " + bytes.get() + " bytes, " + lines.addAndGet(newlines) + " lines");
    }
}
