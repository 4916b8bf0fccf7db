package io.logship.logback.datadog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback UDP listener for tests: collects every datagram as UTF-8 text, newline included. */
final class DatagramServer implements AutoCloseable {

    final List<String> datagrams = new CopyOnWriteArrayList<>();
    final List<Integer> sizes = new CopyOnWriteArrayList<>();
    private final DatagramSocket socket;
    private final Thread thread;

    DatagramServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        thread = new Thread(this::receiveLoop, "test-datagram-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed by the test
            }
            sizes.add(packet.getLength());
            datagrams.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(5_000);
    }
}
