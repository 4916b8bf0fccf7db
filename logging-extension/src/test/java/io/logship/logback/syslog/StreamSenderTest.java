package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StreamSender}'s framing and failure modes against a plain loopback listener. */
@Timeout(30)
class StreamSenderTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    private static ServerSocket listener() throws IOException {
        ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        s.setSoTimeout(5000);
        return s;
    }

    private static StreamSender sender(int port, Framing framing, Duration reconnectDelay) {
        return new StreamSender(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                framing,
                SHORT,
                SHORT,
                reconnectDelay,
                null);
    }

    private static void send(StreamSender sender, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sender.send(bytes, bytes.length);
    }

    private static String read(Socket s, int n) throws IOException {
        s.setSoTimeout(5000);
        byte[] b = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void framesWithOctetCountingOrNewlines() throws IOException {
        try (ServerSocket server = listener();
                StreamSender counted = sender(server.getLocalPort(), Framing.OCTET_COUNTING, SHORT);
                StreamSender lines = sender(server.getLocalPort(), Framing.NON_TRANSPARENT, SHORT)) {
            send(counted, "a\nb\u00e9");
            try (Socket c = server.accept()) {
                assertThat(read(c, 7)).isEqualTo("5 a\nb\u00e9");
            }
            send(lines, "a\nb");
            try (Socket c = server.accept()) {
                assertThat(read(c, 4)).isEqualTo("a b\n");
            }
        }
    }

    @Test
    void reconnectsWhenTheDaemonClosedTheIdleConnectionInsteadOfLosingTheNextMessage() throws IOException {
        try (ServerSocket server = listener();
                StreamSender sender = sender(server.getLocalPort(), Framing.OCTET_COUNTING, SHORT)) {
            send(sender, "one");
            try (Socket first = server.accept()) {
                assertThat(read(first, 5)).isEqualTo("3 one");
            }

            send(sender, "two");

            try (Socket second = server.accept()) {
                assertThat(read(second, 5)).isEqualTo("3 two");
            }
        }
    }

    @Test
    void refusedConnectFailsAtOnceAndTheNextAttemptWaitsForTheReconnectDelay() throws IOException {
        int port;
        try (ServerSocket gone = listener()) {
            port = gone.getLocalPort();
        }
        try (StreamSender sender = sender(port, Framing.OCTET_COUNTING, Duration.ofMinutes(5))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> send(sender, "one")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> send(sender, "two"))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("not connected to ")
                    .hasMessageContaining("next attempt in");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT);
        }
    }

    @Test
    void sendsAgainOnceTheDaemonIsBack() throws IOException {
        ServerSocket server = listener();
        int port = server.getLocalPort();
        server.close();
        try (StreamSender sender = sender(port, Framing.OCTET_COUNTING, Duration.ZERO)) {
            assertThatThrownBy(() -> send(sender, "lost")).isInstanceOf(IOException.class);

            try (ServerSocket back = new ServerSocket(port, 10, InetAddress.getLoopbackAddress())) {
                back.setSoTimeout(5000);
                send(sender, "found");
                try (Socket c = back.accept()) {
                    assertThat(read(c, 7)).isEqualTo("5 found");
                }
            }
        }
    }

    @Test
    void writeGivesUpAfterTheWriteTimeoutWhenTheDaemonStopsReading() throws IOException {
        byte[] big = new byte[256 * 1024];
        try (ServerSocket server = listener();
                StreamSender sender = sender(server.getLocalPort(), Framing.OCTET_COUNTING, Duration.ofMinutes(5))) {
            sender.send(big, big.length);
            try (Socket stalled = server.accept()) {
                IOException failure = null;
                long failedAfterNanos = 0;
                for (int i = 0; i < 1000 && failure == null; i++) { // loopback buffers hold a few MB at most
                    long start = System.nanoTime();
                    try {
                        sender.send(big, big.length);
                    } catch (IOException e) {
                        failure = e;
                        failedAfterNanos = System.nanoTime() - start;
                    }
                }

                assertThat(failure).isNotNull().hasMessageContaining("timed out after 300 ms");
                assertThat(Duration.ofNanos(failedAfterNanos)).isBetween(SHORT, SHORT.multipliedBy(3));
                assertThat(stalled.isClosed()).isFalse();
            }
        }
    }
}
