package io.logship.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesUseDecimalAndBinaryUnits() {
        assertThat(ByteSize.parse("900000")).isEqualTo(900_000);
        assertThat(ByteSize.parse("900kB")).isEqualTo(900_000);
        assertThat(ByteSize.parse("5MB")).isEqualTo(5_000_000);
        assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1 GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.format(64L << 20)).isEqualTo("64MiB");
        assertThat(ByteSize.format(5_000_000)).isEqualTo("5MB");
        assertThat(ByteSize.format(1234)).isEqualTo("1234");
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> ByteSize.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.parse("99999999999GiB")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(HumanDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(HumanDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HumanDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(HumanDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(HumanDuration.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThatThrownBy(() -> HumanDuration.parse("5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HumanDuration.parse("5 fortnights")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suggestionsCatchTyposNotStrangers() {
        assertThat(Suggestions.closest("max_wiat", List.of("max_wait", "max_bytes")))
                .contains("max_wait");
        assertThat(Suggestions.closest("colour", List.of("max_wait", "max_bytes")))
                .isEmpty();
    }
}
