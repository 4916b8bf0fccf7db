package io.logship.logback.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatadogEnvironmentTest {

    private static DatadogEnvironment env(Map<String, String> vars) {
        return new DatadogEnvironment(vars::get);
    }

    @Test
    void defaultsWithoutOptionsOrVariables() {
        DatadogEnvironment e = env(Map.of());

        assertThat(e.agentHost(null)).isEqualTo("127.0.0.1");
        assertThat(e.agentPort(0)).isEqualTo(10518);
        assertThat(e.service(null)).isNull();
        assertThat(e.source(null)).isEqualTo("java");
        assertThat(e.tags(null, null, null)).isNull();
    }

    @Test
    void variablesApplyWhenNoOptionIsSet() {
        DatadogEnvironment e = env(Map.of(
                "DD_AGENT_HOST",
                "agent.local",
                "LOGSHIP_DATADOG_PORT",
                "10600",
                "DD_SERVICE",
                "api",
                "DD_ENV",
                "prod",
                "DD_VERSION",
                "1.2",
                "DD_TAGS",
                "team:a tier:web,zone:b",
                "DD_HOSTNAME",
                "web-1"));

        assertThat(e.agentHost(" ")).isEqualTo("agent.local");
        assertThat(e.agentPort(0)).isEqualTo(10600);
        assertThat(e.service(null)).isEqualTo("api");
        assertThat(e.hostname(null)).isEqualTo("web-1");
        assertThat(e.tags(null, null, null)).isEqualTo("team:a,tier:web,zone:b,env:prod,version:1.2");
    }

    @Test
    void optionsWinOverVariables() {
        DatadogEnvironment e = env(Map.of(
                "DD_AGENT_HOST",
                "agent.local",
                "LOGSHIP_DATADOG_PORT",
                "10600",
                "DD_SERVICE",
                "api",
                "DD_ENV",
                "prod",
                "DD_TAGS",
                "team:a",
                "DD_HOSTNAME",
                "web-1"));

        assertThat(e.agentHost("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(e.agentPort(7000)).isEqualTo(7000);
        assertThat(e.service("checkout")).isEqualTo("checkout");
        assertThat(e.hostname("h")).isEqualTo("h");
        assertThat(e.source("kotlin")).isEqualTo("kotlin");
        assertThat(e.tags("x:1,env:staging", "staging", "9")).isEqualTo("x:1,env:staging,version:9");
    }

    @Test
    void rejectsAPortVariableThatIsNotAPort() {
        assertThatThrownBy(() -> env(Map.of("LOGSHIP_DATADOG_PORT", "ten")).agentPort(0))
                .hasMessage("LOGSHIP_DATADOG_PORT must be a port number in [1, 65535]: 'ten'");
        assertThatThrownBy(() -> env(Map.of("LOGSHIP_DATADOG_PORT", "70000")).agentPort(0))
                .hasMessage("LOGSHIP_DATADOG_PORT must be a port number in [1, 65535]: '70000'");
    }
}
