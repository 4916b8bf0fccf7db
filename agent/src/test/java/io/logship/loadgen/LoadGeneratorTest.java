package io.logship.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new LoadGenerator());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void sendsExactlyTheRequestedLinesWithUniqueSequenceNumbersOverSeveralConnections() throws Exception {
        try (LineCountingServer server = new LineCountingServer(3, 300)) {
            int exit = run("--port", "" + server.port(), "--connections", "3", "--lines", "10001", "--seq");

            assertThat(exit).isZero();
            assertThat(server.awaitFinished(10)).isTrue();
            assertThat(server.lines()).isEqualTo(10_001);
            assertThat(server.malformed()).isZero();
            assertThat(server.seqs())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.range(0, 10_001).boxed().toList());
            assertThat(out.toString())
                    .startsWith("loadgen: 10001 lines, 3000300 bytes in ")
                    .contains("(tcp, 3 connections)");
        }
    }

    @Test
    void moreConnectionsThanThreadsShareThreadsAndEveryConnectionIsUsedAndClosed() throws Exception {
        int connections = LoadGenerator.MAX_THREADS * 2 + 5;
        try (LineCountingServer server = new LineCountingServer(connections, 300)) {
            int exit = run(
                    "--port",
                    "" + server.port(),
                    "--connections",
                    "" + connections,
                    "--lines",
                    "4000",
                    "--seq",
                    "--probe",
                    "--rate",
                    "200000");

            assertThat(exit).isZero();
            assertThat(server.awaitFinished(10)).isTrue(); // every one of the connections reached its end
            assertThat(server.lines()).isEqualTo(4000);
            assertThat(server.malformed()).isZero();
            assertThat(server.seqs())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.range(0, 4000).boxed().toList());
            assertThat(out.toString()).contains("(tcp, " + connections + " connections)");
        }
    }

    @Test
    void jsonSummaryCarriesTheExactCounts() throws Exception {
        try (LineCountingServer server = new LineCountingServer(1, 512)) {
            int exit = run("--port", "" + server.port(), "--lines", "2000", "--line-bytes", "512", "--json");

            assertThat(exit).isZero();
            assertThat(server.awaitFinished(10)).isTrue();
            Map<String, String> summary = parseFlatJson(out.toString().strip());
            assertThat(summary)
                    .containsEntry("lines", "2000")
                    .containsEntry("bytes", "1024000")
                    .containsEntry("connections", "1")
                    .containsEntry("transport", "tcp")
                    .containsKeys("elapsed_seconds", "lines_per_second", "mib_per_second");
            assertThat(server.lines()).isEqualTo(2000);
        }
    }

    @Test
    void everyLineIsAJsonObjectWithTheExpectedFieldsForBothPads() throws Exception {
        for (String pad : new String[] {"text", "hex"}) {
            try (LineCountingServer server = new LineCountingServer(1, 300)) {
                assertThat(run("--port", "" + server.port(), "--lines", "50", "--seq", "--pad", pad))
                        .isZero();
                assertThat(server.awaitFinished(10)).isTrue();

                for (String line : server.samples()) {
                    Map<String, String> fields = parseFlatJson(line);
                    assertThat(fields).containsKeys("message", "user", "request_id", "seq");
                    assertThat(fields.get("message")).startsWith("loadgen ");
                }
                assertThat(server.malformed()).isZero();
            }
        }
    }

    @Test
    void udpSendsWholeLinesInDatagrams() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open()) {
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();

            int exit = run("--udp", "--port", "" + port, "--lines", "300", "--rate", "20000");

            assertThat(exit).isZero();
            long lines = 0;
            ByteBuffer datagram = ByteBuffer.allocate(65_536);
            receiver.configureBlocking(true);
            while (lines < 300) {
                datagram.clear();
                receiver.receive(datagram);
                datagram.flip();
                assertThat(datagram.remaining() % 300).isZero();
                assertThat(datagram.remaining()).isLessThanOrEqualTo(LineSink.UDP_DATAGRAM_BYTES);
                lines += datagram.remaining() / 300;
            }
            assertThat(lines).isEqualTo(300);
            assertThat(out.toString()).contains("(udp, 1 connection)");
        }
    }

    @Test
    void aRateIsNotExceeded() throws Exception {
        try (LineCountingServer server = new LineCountingServer(2, 300)) {
            long start = System.nanoTime();

            int exit = run("--port", "" + server.port(), "--connections", "2", "--lines", "400", "--rate", "2000");

            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(exit).isZero();
            assertThat(elapsedMillis)
                    .isGreaterThanOrEqualTo(180); // 400 lines at 2000/s: the last block is due at 190 ms
            assertThat(server.awaitFinished(10)).isTrue();
            assertThat(server.lines()).isEqualTo(400);
        }
    }

    @Test
    void aDurationRunStopsByItself() throws Exception {
        try (LineCountingServer server = new LineCountingServer(1, 300)) {
            int exit = run("--port", "" + server.port(), "--duration", "200ms", "--json");

            assertThat(exit).isZero();
            assertThat(server.awaitFinished(10)).isTrue();
            Map<String, String> summary = parseFlatJson(out.toString().strip());
            assertThat(Long.parseLong(summary.get("lines"))).isPositive().isEqualTo(server.lines());
            assertThat(server.malformed()).isZero();
        }
    }

    @Test
    void aRefusedConnectionExitsWithOneAndSaysWhere() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        int exit = run("--port", "" + closedPort, "--lines", "10");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("loadgen: connection 0 to /127.0.0.1:" + closedPort + " failed after 0 lines: ")
                .contains("Connection refused");
        assertThat(out.toString()).startsWith("loadgen: 0 lines, 0 bytes in ");
    }

    @Test
    void invalidOptionsExitWithTwoAndANamedMessage() {
        assertThat(run("--connections", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--connections must be in [1, 20000]: 0");

        assertThat(run("--line-bytes", "10")).isEqualTo(2);
        assertThat(err.toString()).containsPattern("--line-bytes must be in \\[\\d+, 16777216\\]: 10");

        assertThat(run("--udp", "--line-bytes", "70000")).isEqualTo(2);
        assertThat(err.toString()).containsPattern("--line-bytes must be in \\[\\d+, 65507\\]: 70000");

        assertThat(run("--connections", "33", "--line-bytes", "16777216")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--connections x --line-bytes needs 553648128 bytes of pre-built lines, "
                        + "more than 536870912");

        assertThat(run("--duration", "0s")).isEqualTo(2);
        assertThat(err.toString()).contains("--duration must be > 0: PT0S");

        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be in [1, 65535]: 70000");

        assertThat(run("--rate", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be >= 0: -1");

        assertThat(run("--pad", "zeros")).isEqualTo(2);
        assertThat(err.toString()).contains("expected text or hex: 'zeros'");

        assertThat(run("--duration", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("expected a duration like 500ms, 10s, 2m, 1h or PT10S: 'soon'");
    }

    /** Field name to text value of a flat JSON object (numbers and strings). */
    private static Map<String, String> parseFlatJson(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, parser.getText());
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isNull();
        }
        return fields;
    }
}
