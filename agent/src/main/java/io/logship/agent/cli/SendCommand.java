package io.logship.agent.cli;

import io.logship.config.SocketSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logship-agent send [LINE...]}: sends each argument, or else each line of standard input, as one line to an
 * agent's TCP source ({@code 127.0.0.1:10518} by default), so a quick start needs no {@code nc}. Exit 0 when every
 * line was written and the connection closed cleanly; 2 with one line on stderr when no agent answers.
 *
 * <p>Plain TCP has no acknowledgement: exit 0 means the agent's socket took the bytes, as with {@code nc}.
 */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Send lines (the arguments, else standard input) to an agent's TCP source.")
public final class SendCommand implements Callable<Integer> {
    /** How long to wait for the connection. */
    static final int CONNECT_TIMEOUT_MILLIS = 5000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--host",
            defaultValue = SocketSource.DEFAULT_BIND,
            description = "Host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + SocketSource.DEFAULT_PORT,
            converter = IntakeCommand.PortConverter.class,
            description = "Port of a tcp source (default: ${DEFAULT-VALUE}).")
    int port;

    @Parameters(paramLabel = "LINE", description = "Lines to send; none: read standard input.")
    List<String> lines;

    /** Where lines come from without arguments: standard input (a test gives its own). */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String where = host + ":" + port;
        long sent = 0;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            if (lines != null && !lines.isEmpty()) {
                for (String line : lines) {
                    sent += write(out, line);
                }
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sent += write(out, line);
                }
            }
            out.flush();
            socket.shutdownOutput();
        } catch (ConnectException e) {
            err.println("no agent answering at " + where + ": connection refused");
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("cannot send to " + where + " after " + ExitReport.count(sent, "line", "lines") + ": "
                    + e.getMessage());
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        }
        err.println("sent " + ExitReport.count(sent, "line", "lines") + " to " + where);
        err.flush();
        return ExitCodes.OK;
    }

    private static int write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        return 1;
    }
}
