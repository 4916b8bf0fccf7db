package io.logship.logback.context;

import static io.logship.logback.context.KeyValues.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.logship.logback.testing.Capture;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

class BoundLoggerTest {

    @Test
    void twoLoggersOfTheSameNameCarrySeparateContext() {
        try (Capture capture = new Capture().level(Level.INFO)) {
            BoundLogger a = BoundLogger.of(LoggerFactory.getLogger("same"), "who", "a");
            BoundLogger b = BoundLogger.of(LoggerFactory.getLogger("same"), "who", "b");

            a.info("one");
            b.info("two");

            assertThat(capture.appender.list)
                    .extracting(e -> KeyValues.of(e).get(0).value)
                    .containsExactly("a", "b");
        }
    }

    @Test
    void withReturnsAChildAndLeavesTheParentAlone() {
        BoundLogger parent = BoundLogger.of(LoggerFactory.getLogger("p"), "x", 1);

        BoundLogger child = parent.with("y", 2).with("x", 3);

        assertThat(child.boundPairs()).extracting(p -> p.key + "=" + p.value).containsExactly("x=3", "y=2");
        assertThat(parent.boundPairs()).extracting(p -> p.key + "=" + p.value).containsExactly("x=1");
        assertThat(child).isInstanceOf(Logger.class);
        assertThat(child.getName()).isEqualTo("p");
    }

    @Test
    void respectsLevelsAndKeepsThrowableMarkerAndCallerLocation() {
        try (Capture capture = new Capture().level(Level.INFO)) {
            BoundLogger log = BoundLogger.of(LoggerFactory.getLogger("lvl"), "k", "v");
            IOException error = new IOException("disk");

            log.debug("hidden");
            log.error(MarkerFactory.getMarker("AUDIT"), "failed {} {}", 1, 2, error);

            var event = capture.only();
            assertThat(event.getFormattedMessage()).isEqualTo("failed 1 2");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("disk");
            assertThat(event.getMarkerList()).extracting(Object::toString).containsExactly("AUDIT");
            assertThat(event.getCallerData()[0].getClassName()).isEqualTo(BoundLoggerTest.class.getName());
            assertThat(KeyValues.of(event)).extracting(p -> p.key).containsExactly("k");
        }
    }

    @Test
    void fluentCallsAreCallerLocatedToo() {
        try (Capture capture = new Capture().level(Level.INFO)) {
            BoundLogger.of(LoggerFactory.getLogger("f"), "k", "v").atInfo().log("x", kv("a", 1));

            assertThat(capture.only().getCallerData()[0].getClassName()).isEqualTo(BoundLoggerTest.class.getName());
        }
    }

    @Test
    void rejectsOddOrNonStringBoundContext() {
        assertThatThrownBy(() -> BoundLogger.of(LoggerFactory.getLogger("x"), "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound context needs key/value pairs, got an odd number of arguments: 1");
        assertThatThrownBy(() -> BoundLogger.of(LoggerFactory.getLogger("x"), 1, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound context key at position 0 must be a String, got: 1");
    }

    @Test
    void toStringShowsKeysButNeverValues() {
        assertThat(BoundLogger.of(LoggerFactory.getLogger("s"), "api_key", "secret")
                        .toString())
                .isEqualTo("BoundLogger[s, keys=[api_key]]");
    }
}
