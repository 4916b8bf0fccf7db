package io.logship.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.config.ConfigException;
import io.logship.config.ConfigLoader;
import io.logship.config.LogshipConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logship-agent status}: asks a running agent for its state ({@code GET /status} on its metrics endpoint) and
 * prints it as a table ({@link StatusTable}), as {@code datadog-agent status} does. The endpoint is {@code --url},
 * else {@code metrics.bind}/{@code metrics.port} of {@code --config} (and the environment), else the default
 * {@code http://127.0.0.1:9464}. No agent answering: one line and exit 2.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Print the running agent's state: sources, destination, backlog, drops, last errors.")
public final class StatusCommand implements Callable<Integer> {
    /** How long to wait for the agent: its metrics endpoint answers from its own event loop, at once. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The agent's configuration file, to find its metrics endpoint.")
    Path configFile;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The agent's metrics endpoint, e.g. http://127.0.0.1:9464 (default: from the config).")
    URI url;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI base;
        try {
            base = url != null ? url : fromConfig();
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        }
        String where = base.toString().replaceAll("/+$", "");
        try {
            JsonNode status = fetch(URI.create(where + "/status"));
            out.print(StatusTable.render(where, status));
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("no agent answering at " + where + ": " + why(e));
            err.flush();
            return ExitCodes.CONFIG_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CONFIG_ERROR;
        }
    }

    private URI fromConfig() {
        LogshipConfig config = ConfigLoader.load(Optional.ofNullable(configFile), System.getenv());
        String host = config.metrics().bind();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        if (host.equals("::")) {
            host = "::1";
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + config.metrics().port());
    }

    private static JsonNode fetch(URI status) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(status).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET /status answered " + response.statusCode() + " (not a logship agent of this" + " version?)");
        }
        return new ObjectMapper().readTree(response.body());
    }

    private static String why(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
