package io.logship.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelSpecTest {

    @Test
    void parsesLoggerAndLevelInAnyCase() {
        assertThat(LevelSpec.parse("io.netty=warn")).isEqualTo(new LevelSpec("io.netty", Level.WARN));
        assertThat(LevelSpec.parse(" com.acme = DEBUG ")).isEqualTo(new LevelSpec("com.acme", Level.DEBUG));
        assertThat(LevelSpec.parse("x=Warning")).isEqualTo(new LevelSpec("x", Level.WARN));
        assertThat(LevelSpec.parse("=error")).isEqualTo(new LevelSpec("ROOT", Level.ERROR));
    }

    @Test
    void malformedEntriesAreClearErrorsNamingTheEntry() {
        assertThatThrownBy(() -> LevelSpec.parse("io.netty:warn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Malformed level entry 'io.netty:warn': expected <logger>=<level>, e.g. io.netty=warn");
        assertThatThrownBy(() -> LevelSpec.parse("a=b=c"))
                .hasMessage("Malformed level entry 'a=b=c': expected <logger>=<level>, e.g. io.netty=warn");
        assertThatThrownBy(() -> LevelSpec.parse("io.netty="))
                .hasMessage("Malformed level entry 'io.netty=': the level is missing");
        assertThatThrownBy(() -> LevelSpec.parse("io.netty=loud"))
                .hasMessage("Malformed level entry 'io.netty=loud': unknown level 'loud'"
                        + " (expected trace, debug, info, warn, error, or off)");
    }

    @Test
    void readsCommaSeparatedEntriesFromThePassedEnvironment() {
        List<LevelSpec> specs = LevelSpec.fromEnvironment(Map.of("LOGSHIP_LEVELS", "io.netty=warn, com.acme=debug,,"));

        assertThat(specs)
                .containsExactly(new LevelSpec("io.netty", Level.WARN), new LevelSpec("com.acme", Level.DEBUG));
        assertThat(LevelSpec.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void malformedEnvironmentEntryNamesTheVariableAndTheEntry() {
        assertThatThrownBy(() -> LevelSpec.fromEnvironment(Map.of("LOGSHIP_LEVELS", "a=info,b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOGSHIP_LEVELS: Malformed level entry 'b': expected <logger>=<level>, e.g. io.netty=warn");
    }
}
