package io.logship.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.logback.Logship;
import io.logship.logback.Output;
import io.logship.logback.SetupOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The README's old advice, Logship.setup() before SpringApplication.run, no longer fails silently. */
class SetupBeforeSpringTest {

    @Test
    void springsLoggingResetAfterSetupIsAnnouncedOnStderrPointingAtTheStarter() {
        Logship.setup(SetupOptions.builder()
                .outputs(Output.stdout())
                .noUncaughtExceptionHandler()
                .noJulBridge()
                .build());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext context = new SpringApplication(StructuredLoggingTest.Plain.class)
                .run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off")) {
            assertThat(context.isActive()).isTrue();
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("logship: the logback context was reset after Logship.setup()")
                .contains("use io.logship:logship-spring-boot-starter instead of Logship.setup()");
        assertThat(Logship.appenders()).isEmpty();
    }
}
