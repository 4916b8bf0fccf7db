package io.logship.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File descriptors exhausted for real (EMFILE): the agent runs in its own JVM under a small {@code ulimit -n}, the
 * test takes every descriptor it has left with connections to its TCP input, and the intake drops its keep-alive
 * connections, so every sender must reconnect and cannot. Once the descriptors are free again, delivery resumes
 * and nothing is lost; no sender thread dies.
 */
@Tag("fault")
@EnabledOnOs(OS.LINUX) // /proc/PID/fd and /proc/PID/limits
class DescriptorExhaustionFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "spool {0}")
    @ValueSource(booleans = {false, true})
    void sendersOutliveTooManyOpenFilesAndDeliverEverythingOnceDescriptorsAreFree(boolean spool) throws Exception {
        int n = 2000;
        int half = n / 2;
        int classpathEntries = System.getProperty("java.class.path").split(File.pathSeparator).length;
        // Enough for the JVM, its jars and the event loops; the rest is what the test takes away.
        int limit = classpathEntries + 96 + 8 * Runtime.getRuntime().availableProcessors();
        try (TestSink sink = new TestSink(n);
                ForkedAgent agent = ForkedAgent.start(
                        dir,
                        "emfile",
                        yaml(sink, spool ? dir.resolve("spool") : null),
                        limit,
                        "-Dlogship.fd_reserve=-100000")) { // budget lifted: accepts must really fail with EMFILE
            long pid = agent.process.pid();
            assertThat(maxOpenFiles(pid)).isEqualTo(limit);
            try (Socket data = new Socket(agent.input.getAddress(), agent.input.getPort())) {
                OutputStream out = data.getOutputStream();
                out.write(SeqLines.lines(0, half, 200));
                out.flush();
                await().atMost(WAIT).until(() -> sink.tally().delivered() == half);
                long before = openFiles(pid);

                sink.dropConnections(); // the intake drops its keep-alive connections...
                List<Socket> flood = exhaust(agent.input, pid, limit); // ...while no descriptor is left
                out.write(SeqLines.lines(half, n, 200));
                out.flush();
                await().atMost(WAIT).until(() -> agent.output().contains("Too many open files"));
                long deliveredWhileExhausted = sink.tally().delivered();
                for (Socket s : flood) {
                    s.close();
                }

                await().atMost(WAIT).until(() -> sink.tally().delivered() == n);
                SeqLines.Tally tally = sink.tally();
                assertThat(tally.lost()).isZero();
                assertThat(tally.duplicated()).isZero();
                assertThat(tally.foreign()).isZero();
                long rss = agent.peakRssKib();
                int exit = agent.terminate(Duration.ofSeconds(30));
                String output = agent.output();
                assertThat(exit).isZero();
                assertThat(output)
                        .contains("stopped: " + n + " records delivered")
                        .contains(", 0 lost")
                        .doesNotContain("Uncaught exception");
                FaultTable.row(
                        "file descriptors exhausted (ulimit -n " + limit + ", " + flood.size()
                                + " client connections" + (spool ? ", spool on" : "")
                                + ") while the intake drops keep-alive, then freed",
                        n,
                        tally.delivered(),
                        tally.lost(),
                        tally.duplicated(),
                        rss,
                        before + " descriptors in use before; "
                                + deliveredWhileExhausted + " delivered while exhausted; senders reconnected "
                                + "after EMFILE, no uncaught exception, exit 0, 0 lost");
            }
        }
    }

    /**
     * Opens connections to the agent's input until it holds every descriptor it may ({@code /proc/PID/fd} at the
     * limit); connections it can no longer accept wait in the listen backlog.
     */
    private static List<Socket> exhaust(InetSocketAddress input, long pid, int limit) throws IOException {
        List<Socket> flood = new ArrayList<>();
        while (flood.size() < 2 * limit) {
            Socket s = new Socket();
            try {
                s.connect(input, 2000);
            } catch (IOException backlogFull) {
                s.close();
                break;
            }
            flood.add(s);
            if (flood.size() % 16 == 0 && openFiles(pid) >= limit) {
                break;
            }
        }
        for (int i = 0; i < 16; i++) {
            flood.add(connect(input)); // some in the backlog: accept fails with EMFILE
        }
        await().atMost(WAIT).until(() -> openFiles(pid) >= limit);
        return flood;
    }

    private static Socket connect(InetSocketAddress input) throws IOException {
        Socket s = new Socket();
        s.connect(input, 2000);
        return s;
    }

    private static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int maxOpenFiles(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"), UTF_8)) {
            if (line.startsWith("Max open files")) {
                return Integer.parseInt(line.split("\\s+")[3]);
            }
        }
        throw new AssertionError("no Max open files in /proc/" + pid + "/limits");
    }

    private static String yaml(TestSink sink, Path spool) {
        return "hostname: forked-host\n"
                + "stop_grace_period: 10s\n"
                + "intake:\n  url: " + sink.url() + "\n  max_in_flight: 2\n  timeout: 2s\n  compression: none\n"
                + "retry:\n  base: 50ms\n  max: 1s\n"
                + "batch:\n  max_records: 100\n  max_bytes: 64KiB\n  max_wait: 50ms\n"
                + (spool == null ? "" : "spool:\n  path: " + spool + "\n");
    }
}
