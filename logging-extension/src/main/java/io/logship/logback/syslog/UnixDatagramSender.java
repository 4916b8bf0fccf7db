package io.logship.logback.syslog;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends each message as one datagram to a unix-domain datagram socket: {@code /dev/log}, or journald's
 * {@code /run/systemd/journal/socket}.
 *
 * <p>The JDK has no AF_UNIX datagram channel, so this uses netty's native unix socket (from
 * {@code netty-transport-native-epoll}, linux-x86_64). Those jars are optional dependencies of logship-logback:
 * call {@link #unavailabilityReason()} before constructing one, and only construct it when that returns null.
 *
 * <p>Never blocks: the socket is non-blocking, so when the daemon's receive queue is full the message fails at
 * once ({@code EAGAIN}). A missing socket file or a stopped daemon fails with the kernel's error
 * ({@code ENOENT}, {@code ECONNREFUSED}). Each send targets the path anew, so a restarted daemon is reached again
 * without any reconnect logic.
 *
 * <p>Thread-safe: one lock guards the direct buffer the native call reads from; the critical section is one copy
 * and one {@code sendto}.
 */
public final class UnixDatagramSender implements MessageSender {
    private final String path;
    private final byte[] pathBytes;
    private final Socket socket;
    private final ByteBuffer buffer;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param path the socket file
     * @param maxBytes the largest message this sender will be given
     */
    public UnixDatagramSender(String path, int maxBytes) throws IOException {
        this.path = path;
        this.pathBytes = path.getBytes(StandardCharsets.UTF_8);
        Epoll.ensureAvailability();
        this.socket = Socket.newSocketDomainDgram();
        this.buffer = ByteBuffer.allocateDirect(maxBytes);
    }

    /**
     * Why unix datagram sockets cannot be used here, or null when they can: the netty classes or their linux native
     * library are missing, or this is not Linux.
     */
    public static String unavailabilityReason() {
        try {
            Class.forName("io.netty.channel.unix.Socket", false, UnixDatagramSender.class.getClassLoader());
            Class.forName("io.netty.channel.epoll.Epoll", false, UnixDatagramSender.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "unix datagram sockets need io.netty:netty-transport-classes-epoll and "
                    + "io.netty:netty-transport-native-epoll (classifier linux-x86_64 or linux-aarch_64) on the classpath: "
                    + e;
        }
        return NativeCheck.reason();
    }

    @Override
    public void send(byte[] message, int length) throws IOException {
        if (length > buffer.capacity()) {
            throw new IOException("datagram of " + length + " bytes exceeds the limit of " + buffer.capacity());
        }
        lock.lock();
        try {
            buffer.clear();
            buffer.put(message, 0, length);
            buffer.flip();
            int sent = socket.sendToDomainSocket(buffer, buffer.position(), buffer.limit(), pathBytes);
            if (sent == 0) {
                throw new IOException("receive queue of " + path + " is full (EAGAIN), datagram dropped");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            socket.close();
        } catch (IOException e) {
            // A datagram socket holds no unsent data; closing it cannot lose a message.
        } finally {
            lock.unlock();
        }
    }

    /** Kept in its own class so that netty's classes are loaded only after the class-path check passed. */
    private static final class NativeCheck {
        static String reason() {
            if (Epoll.isAvailable()) {
                return null;
            }
            return "netty's native epoll library could not be loaded: " + Epoll.unavailabilityCause();
        }
    }
}
