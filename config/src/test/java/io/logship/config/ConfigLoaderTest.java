package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, text);
        return file;
    }

    private LogshipConfig load(String text, Map<String, String> env) throws IOException {
        return ConfigLoader.load(Optional.of(yaml(text)), env);
    }

    private ConfigException failure(String text, Map<String, String> env) {
        try {
            Path file = yaml(text);
            return (ConfigException) Assertions.catchThrowable(() -> ConfigLoader.load(Optional.of(file), env));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void defaultsMatchTheDocumentedConstants() {
        LogshipConfig c = ConfigLoader.defaults();

        assertThat(c.apiKey().isPresent()).isFalse();
        assertThat(c.site()).isEqualTo("datadoghq.com");
        assertThat(c.hostname()).isNotBlank();
        assertThat(c.intake().compression()).isEqualTo(Compression.ZSTD);
        assertThat(c.intake().compressionLevel()).isEqualTo(1);
        assertThat(c.intake().maxInFlight()).isEqualTo(4);
        assertThat(c.batch()).isEqualTo(new BatchLimits(1000, 5_000_000, Duration.ofSeconds(5)));
        assertThat(c.retry()).isEqualTo(new Retry(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(120)));
        assertThat(c.buffer()).isEqualTo(new Buffer(64L << 20, WhenFull.BLOCK));
        assertThat(c.spool().enabled()).isFalse();
        assertThat(c.stopGracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.logs())
                .containsExactly(new SocketSource(
                        SourceType.TCP, "127.0.0.1", 10518, Optional.empty(), Optional.empty(), List.of(), 900_000));
    }

    @Test
    void withNoKeyAndNoUrlRecordsGoToTheLocalIntake() {
        LogshipConfig c = ConfigLoader.defaults();

        assertThat(c.usesLocalIntake()).isTrue();
        assertThat(c.resolvedIntakeUrl()).isEqualTo(URI.create("http://127.0.0.1:8282/api/v2/logs"));
    }

    @Test
    void withAnApiKeyTheIntakeUrlComesFromTheSite() {
        LogshipConfig c = ConfigLoader.load(Optional.empty(), Map.of("DD_API_KEY", "k", "DD_SITE", "datadoghq.eu"));

        assertThat(c.usesLocalIntake()).isFalse();
        assertThat(c.resolvedIntakeUrl()).isEqualTo(URI.create("https://http-intake.logs.datadoghq.eu/api/v2/logs"));
    }

    @Test
    void readsEveryShapeOfValueWithHumanUnits() throws IOException {
        LogshipConfig c = load("""
                api_key: abc123
                tags: [env:dev, team:x]
                intake:
                  url: http://127.0.0.1:9000/api/v2/logs
                  compression: gzip
                  compression_level: 9
                batch:
                  max_bytes: 900kB
                  max_wait: 500ms
                buffer:
                  max_bytes: 64MiB
                  when_full: drop_newest
                spool:
                  path: /var/lib/logship/spool
                  fsync: interval
                logs:
                  - type: udp
                    port: 10519
                    service: web
                    source: java
                    tags: "a:1, b:2"
                    max_message_bytes: 256kB
                """, Map.of());

        assertThat(c.apiKey().reveal()).isEqualTo("abc123");
        assertThat(c.tags()).containsExactly("env:dev", "team:x");
        assertThat(c.intake().compression()).isEqualTo(Compression.GZIP);
        assertThat(c.intake().compressionLevel()).isEqualTo(9);
        assertThat(c.batch().maxBytes()).isEqualTo(900_000);
        assertThat(c.batch().maxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.buffer().whenFull()).isEqualTo(WhenFull.DROP_NEWEST);
        assertThat(c.spool().path()).contains(Path.of("/var/lib/logship/spool"));
        assertThat(c.spool().fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(c.logs())
                .containsExactly(new SocketSource(
                        SourceType.UDP,
                        "127.0.0.1",
                        10519,
                        Optional.of("web"),
                        Optional.of("java"),
                        List.of("a:1", "b:2"),
                        256_000));
    }

    @Test
    void environmentBeatsFileBeatsDefaults() throws IOException {
        LogshipConfig c = load(
                """
                site: datadoghq.eu
                batch:
                  max_wait: 2s
                  max_records: 500
                """,
                Map.of(
                        "LOGSHIP_BATCH_MAX_WAIT",
                        "250ms",
                        "LOGSHIP_INTAKE_URL",
                        "https://intake.example/api/v2/logs",
                        "DD_TAGS",
                        "env:prod team:core",
                        "DD_HOSTNAME",
                        "web-1"));

        assertThat(c.batch().maxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.batch().maxRecords()).isEqualTo(500);
        assertThat(c.batch().maxBytes()).isEqualTo(5_000_000);
        assertThat(c.site()).isEqualTo("datadoghq.eu");
        assertThat(c.intake().url()).contains(URI.create("https://intake.example/api/v2/logs"));
        assertThat(c.tags()).containsExactly("env:prod", "team:core");
        assertThat(c.hostname()).isEqualTo("web-1");
    }

    @Test
    void logshipVariableBeatsItsDatadogAlias() {
        LogshipConfig c = ConfigLoader.load(
                Optional.empty(), Map.of("DD_SITE", "datadoghq.eu", "LOGSHIP_SITE", "us5.datadoghq.com"));

        assertThat(c.site()).isEqualTo("us5.datadoghq.com");
    }

    @Test
    void environmentCanSetAFieldOfASource() throws IOException {
        LogshipConfig c = load("""
                logs:
                  - type: tcp
                    port: 10518
                """, Map.of("LOGSHIP_LOGS_0_PORT", "20000", "LOGSHIP_LOGS_1_TYPE", "udp"));

        assertThat(c.logs()).extracting(s -> ((SocketSource) s).port()).containsExactly(20000, 10518);
        assertThat(c.logs()).extracting(LogSource::type).containsExactly(SourceType.TCP, SourceType.UDP);
    }

    @Test
    void missingFileIsOneClearLine() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file not found: " + missing);
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigException e = failure("batch:\n  max_wait: [5s\n", Map.of());

        assertThat(e.problems())
                .singleElement()
                .asString()
                .startsWith(dir.resolve("agent.yaml") + ": invalid YAML at line ");
    }

    @Test
    void topLevelMustBeAMapping() {
        ConfigException e = failure("- a\n- b\n", Map.of());

        assertThat(e.getMessage()).endsWith("expected a mapping of keys at the top level, got a list");
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        ConfigException e = failure("batch:\n  max_wiat: 5s\n", Map.of());

        assertThat(e.problems())
                .containsExactly(dir.resolve("agent.yaml") + ": batch.max_wiat: unknown key, did you mean max_wait?");
    }

    @Test
    void unknownSourceKeySuggestsTheClosestOne() {
        ConfigException e = failure("logs:\n  - type: tcp\n    prot: 1\n", Map.of());

        assertThat(e.problems())
                .containsExactly(dir.resolve("agent.yaml") + ": logs[0].prot: unknown key, did you mean port?");
    }

    @Test
    void fileSourceReadsItsOwnKeys() throws IOException {
        LogshipConfig c = load("""
                logs:
                  - type: file
                    path: /var/log/app/*.log
                    exclude_paths: [/var/log/app/debug.log]
                    service: app
                    start_position: beginning
                    multi_line_start: '^\\d{4}-'
                    max_open_files: 20
                """, Map.of());

        assertThat(c.logs())
                .containsExactly(new FileSource(
                        "/var/log/app/*.log",
                        List.of("/var/log/app/debug.log"),
                        Optional.of("app"),
                        Optional.empty(),
                        List.of(),
                        LogSource.DEFAULT_MAX_MESSAGE_BYTES,
                        StartPosition.BEGINNING,
                        Optional.of("^\\d{4}-"),
                        20));
    }

    @Test
    void eachSourceTypeRejectsTheKeysOfAnother() {
        ConfigException e = failure("""
                logs:
                  - type: file
                    path: /var/log/*.log
                    port: 10518
                  - type: tcp
                    path: /var/log/*.log
                """, Map.of());

        assertThat(e.problems())
                .containsExactly(
                        dir.resolve("agent.yaml")
                                + ": logs[0].port: unknown key, expected one of type, path, exclude_paths, "
                                + "service, source, tags, max_message_bytes, start_position, multi_line_start, max_open_files",
                        dir.resolve("agent.yaml")
                                + ": logs[1].path: unknown key, expected one of type, bind, port, service, "
                                + "source, tags, max_message_bytes, max_connections, idle_timeout, receive_buffer_bytes, allow, tls");
    }

    @Test
    void fileSourceWithoutPathOrWithABadPatternNamesTheKey() {
        ConfigException e = failure("""
                logs:
                  - type: file
                    multi_line_start: '[unclosed'
                """, Map.of());

        assertThat(e.problems())
                .containsExactly(
                        dir.resolve("agent.yaml")
                                + ": logs[0].path: missing, expected a non-empty string (a type: file source "
                                + "needs the "
                                + "files to read)",
                        dir.resolve("agent.yaml") + ": logs[0].multi_line_start: got \"[unclosed\", expected a regular "
                                + "expression (Unclosed character class at index 8)");
    }

    @Test
    void unrelatedUnknownKeyListsTheValidOnes() {
        ConfigException e = failure("retry:\n  zzzzzzzz: 1\n", Map.of());

        assertThat(e.getMessage()).endsWith("retry.zzzzzzzz: unknown key, expected one of base, factor, max");
    }

    @Test
    void wrongTypeNamesPathValueAndExpectation() {
        ConfigException e = failure("batch:\n  max_records: lots\n", Map.of());

        assertThat(e.problems())
                .containsExactly(dir.resolve("agent.yaml")
                        + ": batch.max_records: got \"lots\", expected an integer from 1 to 1000");
    }

    @Test
    void outOfRangePortNamesTheListIndex() {
        ConfigException e = failure("""
                logs:
                  - port: 10518
                  - port: 70000
                """, Map.of());

        assertThat(e.problems())
                .containsExactly(dir.resolve("agent.yaml")
                        + ": logs[1].port: got 70000, expected a port number from 0 to 65535 (0 picks a free port)");
    }

    @Test
    void negativeSizeIsRejected() {
        ConfigException e = failure("buffer:\n  max_bytes: -5MB\n", Map.of());

        assertThat(e.getMessage())
                .endsWith(
                        "buffer.max_bytes: got \"-5MB\", expected a size in bytes like 900000, 900kB, 5MB or 64MiB, from 1MiB to 16GiB");
    }

    @Test
    void localIntakeRetentionHasDefaultsAndReadsItsKeys() throws IOException {
        LogshipConfig defaults = load("", Map.of());
        LogshipConfig set = load("local_intake:\n  max_bytes: 64MiB\n  max_age: 2h\n", Map.of());

        assertThat(defaults.localIntake().maxBytes()).isEqualTo(LocalIntakeConfig.DEFAULT_MAX_BYTES);
        assertThat(defaults.localIntake().maxAge()).isEqualTo(LocalIntakeConfig.DEFAULT_MAX_AGE);
        assertThat(set.localIntake().maxBytes()).isEqualTo(64L << 20);
        assertThat(set.localIntake().maxAge()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void badLocalIntakeRetentionValuesNameTheKey() {
        ConfigException bytes = failure("local_intake:\n  max_bytes: 10kB\n", Map.of());
        ConfigException age = failure("local_intake:\n  max_age: 0\n", Map.of());

        assertThat(bytes.getMessage())
                .endsWith("local_intake.max_bytes: got \"10kB\", expected a size in bytes like 900000, 900kB, 5MB or"
                        + " 64MiB, from 1MiB to 1024GiB");
        assertThat(age.getMessage())
                .endsWith("local_intake.max_age: got 0, expected a duration like 500ms, 5s, 2m or 1h, from 1s to"
                        + " 3650d");
    }

    @Test
    void durationNeedsAUnit() {
        ConfigException e = failure("batch:\n  max_wait: 5\n", Map.of());

        assertThat(e.getMessage())
                .endsWith("batch.max_wait: got 5, expected a duration like 500ms, 5s, 2m or 1h, from 1ms to 10m");
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("LOGSHIP_BATCH_MAX_WAIT", "soon")))
                .hasMessage("environment LOGSHIP_BATCH_MAX_WAIT (batch.max_wait): got \"soon\", expected a duration"
                        + " like 500ms, 5s, 2m or 1h, from 1ms to 10m");
    }

    @Test
    void compressionLevelIsCheckedAgainstItsCompression() {
        ConfigException e = failure("intake:\n  compression: gzip\n  compression_level: 15\n", Map.of());

        assertThat(e.getMessage())
                .endsWith("intake.compression_level: got 15, expected an integer from 1 to 9 for gzip");
    }

    @Test
    void bufferMustHoldABatch() {
        ConfigException e = failure("buffer:\n  max_bytes: 2MB\n", Map.of());

        assertThat(e.getMessage()).endsWith("buffer.max_bytes: got 2MB, expected at least batch.max_bytes (5MB)");
    }

    @Test
    void twoSourcesOnOnePortAreRejected() {
        ConfigException e = failure("logs:\n  - port: 9000\n  - port: 9000\n", Map.of());

        assertThat(e.getMessage())
                .endsWith(
                        "logs[1].port: got 9000, expected a port that no other tcp source on 127.0.0.1 uses (logs[0] does)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = failure("site: [x]\nbatch:\n  max_records: 0\nbogus: 1\n", Map.of());

        assertThat(e.problems()).hasSize(3);
    }

    @Test
    void secretNeverAppearsInErrorsOrRenderings() throws IOException {
        LogshipConfig c = load("api_key: s3cr3t-value\n", Map.of());
        ConfigException e = failure("api_key: [s3cr3t-value]\n", Map.of());

        assertThat(c.toString()).doesNotContain("s3cr3t-value").contains(Secret.REDACTED);
        assertThat(ConfigPrinter.toYaml(c)).doesNotContain("s3cr3t-value").contains("api_key: '********'");
        assertThat(e.getMessage()).doesNotContain("s3cr3t-value");
    }

    @Test
    void printedConfigLoadsBackToTheSameConfig() throws IOException {
        LogshipConfig original = load("""
                tags: [env:dev]
                batch:
                  max_wait: 1500ms
                spool:
                  path: /tmp/spool
                logs:
                  - port: 1234
                    service: web
                    tags: [a:b]
                  - type: file
                    path: /var/log/app/*.log
                    exclude_paths: [/var/log/app/x.log]
                    multi_line_start: '^\\d'
                    start_position: beginning
                """, Map.of());
        String printed = ConfigPrinter.toYaml(original);

        LogshipConfig reloaded = load(printed, Map.of());

        assertThat(reloaded).isEqualTo(original);
    }

    @Test
    void nearMissEnvironmentVariableIsAWarning() {
        ConfigLoader.Loaded loaded = ConfigLoader.loadReporting(
                Optional.empty(), Map.of("LOGSHIP_BATCH_MAXWAIT", "1s", "LOGSHIP_LEVELS", "io.netty=warn"));

        assertThat(loaded.warnings())
                .containsExactly("environment variable LOGSHIP_BATCH_MAXWAIT is not a"
                        + " configuration key; did you mean LOGSHIP_BATCH_MAX_WAIT?");
    }

    @Test
    void emptyFileGivesDefaults() throws IOException {
        assertThat(load("", Map.of()))
                .isEqualTo(ConfigLoader.load(
                        Optional.empty(),
                        Map.of("DD_HOSTNAME", ConfigLoader.defaults().hostname())));
    }
}
