package io.logship.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatadogVariablesTest {

    @Test
    void splitsTagsOnSpacesAndCommasAndDropsEmptyOnes() {
        assertThat(DatadogVariables.splitTags(" team:a  tier:web,zone:b,, env:prod\t"))
                .containsExactly("team:a", "tier:web", "zone:b", "env:prod");
    }

    @Test
    void noTagsForNullOrBlank() {
        assertThat(DatadogVariables.splitTags(null)).isEmpty();
        assertThat(DatadogVariables.splitTags(" , ")).isEmpty();
    }

    @Test
    void hostnameVariableWinsAndIsStripped() {
        Map<String, String> env = Map.of(DatadogVariables.HOSTNAME, " web-1 ", DatadogVariables.SHELL_HOSTNAME, "sh");

        assertThat(DatadogVariables.hostname(env::get)).isEqualTo("web-1");
    }

    @Test
    void blankHostnameVariableFallsBackToTheMachinesName() {
        Map<String, String> env = Map.of(DatadogVariables.HOSTNAME, " ", DatadogVariables.SHELL_HOSTNAME, "sh");

        assertThat(DatadogVariables.hostname(env::get)).isNotBlank().isNotEqualTo(" ");
    }
}
