package io.logship.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogshipAgentCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = LogshipAgent.commandLine(new LogshipAgent(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void checkConfigOnABadFilePrintsOneLineNamingTheKeyAndExitsTwo() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "logs:\n  - port: 10518\n  - port: 70000\n");

        int code = run(Map.of(), "--check-config", "-c", bad.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(bad + ": logs[1].port: got 70000, expected a port number from 0 to"
                        + " 65535 (0 picks a free port)" + System.lineSeparator());
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnwritableSpoolPathRefusesTheStartWithOneLineAndExitsTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path config = Files.writeString(
                dir.resolve("spool.yaml"),
                "intake:\n  url: http://127.0.0.1:1/api/v2/logs\n"
                        + "metrics:\n  enabled: false\n"
                        + "logs:\n  - type: tcp\n    bind: 127.0.0.1\n    port: 0\n"
                        + "spool:\n  path: " + file.resolve("spool") + "\n");

        int code = run(Map.of(), "-c", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("spool (spool.path " + file.resolve("spool") + ") cannot start: cannot create spool"
                        + " directory " + file.resolve("spool"))
                .endsWith(" - check or change spool.path" + System.lineSeparator());
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void checkConfigOnAGoodFileExitsZero() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), "batch:\n  max_wait: 1s\n");

        int code = run(Map.of(), "--check-config", "-c", good.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("configuration OK");
    }

    @Test
    void missingFileExitsTwo() {
        int code = run(
                Map.of(), "--check-config", "-c", dir.resolve("missing.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("config file not found: ");
    }

    @Test
    void printConfigRedactsTheApiKey() {
        int code = run(Map.of("DD_API_KEY", "abcdef0123456789"), "--print-config");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("api_key: '********'").doesNotContain("abcdef0123456789");
        assertThat(err.toString()).doesNotContain("abcdef0123456789");
    }

    @Test
    void printConfigNamesTheLocalIntakeAsTheDestinationAndPrintsBooleansAsBooleans() {
        int code = run(Map.of(), "--print-config");

        assertThat(code).isZero();
        assertThat(out.toString())
                .startsWith("# destination: local intake at http://127.0.0.1:8282/ (no api_key and no intake.url)\n")
                .contains("  enabled: true\n", "require_destination: false\n")
                .doesNotContain("'true'", "\"true\"", "'false'", "\"false\"");
    }

    @Test
    void printConfigNamesTheIntakeUrlRedactedAsTheDestination() {
        int code = run(
                Map.of("LOGSHIP_INTAKE_URL", "https://bob:pw@intake.example.com/api/v2/logs?api_key=s3cr3t"),
                "--print-config");

        assertThat(code).isZero();
        assertThat(out.toString())
                .startsWith("# destination: https://********@intake.example.com/api/v2/logs?api_key=********\n")
                .doesNotContain("s3cr3t", "pw@");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        int code = run(Map.of(), "--frobnicate");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("logship-agent: Unknown option: '--frobnicate' (see logship-agent --help)"
                        + System.lineSeparator());
    }

    @Test
    void versionNamesTheBuildVersion() {
        int code = run(Map.of(), "--version");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("logship-agent 0.1.0-SNAPSHOT");
    }
}
