package io.logship.spring.boot;

import static io.logship.logback.context.KeyValues.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logship.logback.Logship;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Plain (non-web) applications: Spring Boot's own structured console format (ECS) carries kv(...) arguments, since
 * they are event key/value pairs; a logback-spring.xml including logship-base.xml gets logship's console.
 */
class StructuredLoggingTest {

    @Configuration(proxyBeanMethods = false)
    static class Plain {}

    @Test
    void springsEcsFormatCarriesKvArgumentsAndBoundPairs() throws Exception {
        SpringApplication application = new SpringApplication(Plain.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext context = application.run(
                "--spring.main.web-application-type=none",
                "--logging.structured.format.console=ecs",
                "--spring.main.banner-mode=off")) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                LoggerFactory.getLogger("structured").info("paid {}", 12, kv("user", "jd"));
                Logship.getLogger("bound", "worker_id", 7).info("bound", kv("attempt", 2));
            } finally {
                System.setOut(original);
            }
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(first.get("message").asText()).isEqualTo("paid 12");
        assertThat(first.get("user").asText()).isEqualTo("jd");
        assertThat(second.get("worker_id").asText()).isEqualTo("7");
        assertThat(second.get("attempt").asText()).isEqualTo("2");
    }

    @Test
    void aLogbackSpringXmlIncludingLogshipBaseGetsLogshipsConsoleAndTheStartersExtras() {
        SpringApplication application = new SpringApplication(Plain.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext context = application.run(
                "--spring.main.web-application-type=none",
                "--logging.config=classpath:logback-test-with-include.xml",
                "--spring.main.banner-mode=off")) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                LoggerFactory.getLogger("from.xml").info("below the xml's level");
                LoggerFactory.getLogger("from.xml").warn("paid {}", 12, kv("user", "jd"));
            } finally {
                System.setOut(original);
            }
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(logback.getLogger("org.apache.catalina.startup.DigesterFactory")
                            .getLevel())
                    .isEqualTo(Level.ERROR); // Spring's defaults.xml
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\d [\\d:,]+ \\[\\d+] WARN     from\\.xml \\[user: jd]: paid 12\\R");
    }
}
