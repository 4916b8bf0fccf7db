package io.logship.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logship.spring.boot.demo.DemoApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a forked Spring Boot application: Spring's graceful shutdown runs, then its logging shutdown handler
 * stops logback; the Datadog appender's own JVM hook stood down, so nothing logged until then is lost.
 */
@Timeout(120)
class SigtermTest {

    @TempDir
    Path dir;

    @Test
    void sigtermLosesNoRecordIncludingSpringsShutdownRecords() throws Exception {
        try (AgentFixture agent = AgentFixture.start(dir)) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            DemoApp.class.getName(),
                            String.valueOf(agent.port()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile())
                    .start();
            try {
                await().atMost(AgentFixture.WAIT).until(() -> output().stream().anyMatch(l -> l.startsWith("PORT=")));
                String port = output().stream()
                        .filter(l -> l.startsWith("PORT="))
                        .findFirst()
                        .orElseThrow()
                        .substring(5);
                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders?n=1000"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("logged 1000");

                child.destroy(); // SIGTERM

                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            List<String> output = output();

            assertThat(agent.await("checkout", "paid", 1000)).hasSize(1000);
            assertThat(agent.await("checkout", "Commencing graceful shutdown", 1))
                    .hasSize(1);
            assertThat(agent.await("checkout", "Graceful shutdown complete", 1)).hasSize(1);
            assertThat(agent.records("checkout", "paid")).hasSize(1000);
            assertThat(output).noneMatch(l -> l.contains("records not sent") || l.contains("non started appender"));
            assertThat(output).anyMatch(l -> l.contains("Graceful shutdown complete")); // console: logship's line
        }
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(dir.resolve("child.log"), StandardCharsets.UTF_8);
    }
}
