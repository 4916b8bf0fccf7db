package io.logship.logback.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends each message as one UDP datagram (RFC 5426). UDP never blocks for long: the kernel drops what it cannot
 * queue, and nothing tells the sender whether the daemon got it. The channel is not connected, so an ICMP "port
 * unreachable" from an absent daemon does not turn into errors on later sends.
 */
final class UdpSender implements MessageSender {
    private final DatagramChannel channel;
    private final InetSocketAddress target;

    UdpSender(InetSocketAddress target) throws IOException {
        this.target = target;
        this.channel = DatagramChannel.open();
    }

    @Override
    public void send(byte[] message, int length) throws IOException {
        int sent = channel.send(ByteBuffer.wrap(message, 0, length), target);
        if (sent == 0) {
            throw new IOException("UDP send buffer full, datagram of " + length + " bytes dropped");
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a datagram channel has nothing to flush; an error here loses nothing.
        }
    }
}
