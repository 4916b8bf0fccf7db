package io.logship.logback.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.logship.logback.testing.Events;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@SuppressWarnings("try") // scopes are opened for their effect on the MDC
class LogContextTest {

    @Test
    void closeRestoresThePreviousValueAndRemovesNewKeys() {
        MDC.put("user", "outer");
        try {
            try (LogContext.Scope scope = LogContext.put("user", "inner")) {
                try (LogContext.Scope scope2 = LogContext.put("n", 42)) {
                    assertThat(MDC.get("user")).isEqualTo("inner");
                    assertThat(MDC.get("n")).isEqualTo("42");
                }
                assertThat(MDC.get("n")).isNull();
            }
            assertThat(MDC.get("user")).isEqualTo("outer");
        } finally {
            MDC.remove("user");
        }
    }

    @Test
    void putAllAndDoubleCloseAreSafe() {
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("a", null);
        pairs.put("b", new Events.Hostile());

        LogContext.Scope scope = LogContext.putAll(pairs);
        assertThat(MDC.get("a")).isEqualTo("null");
        assertThat(MDC.get("b")).isEqualTo("<toString() threw java.lang.IllegalStateException>");
        scope.close();
        scope.close();

        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("a", "b");
    }
}
