package io.logship.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** One raw HTTP/1.1 exchange over loopback, for headers the JDK client refuses to set (Host) or omit. */
final class RawHttp {
    private RawHttp() {}

    /** Sends {@code request} (which must ask for no keep-alive or be answered with a Content-Length) and returns
     * the answer's head and body, read until the {@code Content-Length} is complete or the server closes. */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** Reads one answer: its head, then {@code Content-Length} bytes of body (or until the peer closes). */
    static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = -1;
        while (true) {
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                int at = text.toLowerCase(Locale.ROOT).indexOf("content-length:");
                length = at < 0 || at > headEnd
                        ? -1
                        : Integer.parseInt(
                                text.substring(at + 15, text.indexOf('\r', at)).trim());
            }
            if (headEnd >= 0 && length >= 0 && seen.size() >= headEnd + 4 + length) {
                return seen.toString(StandardCharsets.UTF_8);
            }
            int b = in.read();
            if (b < 0) {
                return seen.toString(StandardCharsets.UTF_8);
            }
            seen.write(b);
        }
    }
}
