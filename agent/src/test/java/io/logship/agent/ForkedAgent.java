package io.logship.agent;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real agent ({@code io.logship.agent.LogshipAgent -c <yaml>}) in its own JVM, on the test classpath, with a
 * TCP input and the metrics endpoint on fixed free loopback ports. For crash ({@code kill -9}) and SIGTERM tests.
 */
final class ForkedAgent implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final InetSocketAddress input;
    final int metricsPort;
    final Path output;

    private ForkedAgent(Process process, InetSocketAddress input, int metricsPort, Path output) {
        this.process = process;
        this.input = input;
        this.metricsPort = metricsPort;
        this.output = output;
    }

    /**
     * Starts the agent with {@code yamlBody} plus the input and metrics sections, and waits until {@code /ready}.
     */
    static ForkedAgent start(Path dir, String name, String yamlBody) throws IOException, InterruptedException {
        return start(dir, name, yamlBody, 0);
    }

    /**
     * As above, with {@code ulimit -n maxOpenFiles} (through {@code bash}) when {@code maxOpenFiles > 0}, and
     * {@code jvmArgs} before the main class.
     */
    static ForkedAgent start(Path dir, String name, String yamlBody, int maxOpenFiles, String... jvmArgs)
            throws IOException, InterruptedException {
        return start(dir, name, yamlBody, "", maxOpenFiles, jvmArgs);
    }

    /** As above, with {@code extraLogs} (YAML list entries, indented two spaces) after the TCP input. */
    static ForkedAgent start(
            Path dir, String name, String yamlBody, String extraLogs, int maxOpenFiles, String... jvmArgs)
            throws IOException, InterruptedException {
        int inputPort = FaultToleranceTest.freePort();
        int metricsPort = FaultToleranceTest.freePort();
        String yaml = yamlBody + "metrics:\n  bind: 127.0.0.1\n  port: " + metricsPort + "\n"
                + "logs:\n  - type: tcp\n    bind: 127.0.0.1\n    port: " + inputPort + "\n    service: forked\n"
                + extraLogs;
        Path config = Files.writeString(dir.resolve(name + ".yaml"), yaml);
        Path output = dir.resolve(name + ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx128m",
                "-XX:MaxDirectMemorySize=128m",
                "-cp",
                System.getProperty("java.class.path"),
                LogshipAgent.class.getName(),
                "-c",
                config.toString()));
        command.addAll(1, List.of(jvmArgs));
        if (maxOpenFiles > 0) {
            command.addAll(0, List.of("bash", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$@\"", "bash"));
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DD_") || k.startsWith("LOGSHIP_"));
        ForkedAgent agent =
                new ForkedAgent(builder.start(), new InetSocketAddress("127.0.0.1", inputPort), metricsPort, output);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!agent.process.isAlive()) {
                            throw new AssertionError("agent exited: " + agent.output());
                        }
                        try {
                            return agent.get("/ready").statusCode() == 200;
                        } catch (UncheckedIOException notYet) {
                            return false;
                        }
                    });
        } catch (RuntimeException | Error e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A counter or gauge from /metrics (the sum over its series), 0 if absent or unreachable. */
    double metric(String name) {
        HttpResponse<String> response;
        try {
            response = get("/metrics");
        } catch (RuntimeException e) {
            return 0;
        }
        double sum = 0;
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(response.body());
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** Peak resident set of the agent process, from /proc/PID/status {@code VmHWM}, in KiB; -1 if unknown. */
    long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("agent did not stop within " + wait + ": " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
