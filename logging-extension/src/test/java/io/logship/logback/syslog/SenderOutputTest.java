package io.logship.logback.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderOutputTest {

    /** Records what it is sent; fails while {@code failing}. */
    private static final class FakeSender implements MessageSender {
        final List<String> sent = new ArrayList<>();
        boolean failing;
        boolean closed;

        @Override
        public void send(byte[] message, int length) throws IOException {
            if (failing) {
                throw new IOException("daemon down");
            }
            sent.add(new String(message, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static SenderOutput output() {
        ContextAwareBase owner = new ContextAwareBase();
        owner.setContext(new LoggerContext());
        return new SenderOutput(owner, "test records");
    }

    @Test
    void aDefaultLayoutIsMadeStartedAndStoppedOnStop() {
        SenderOutput output = output();
        FakeSender sender = new FakeSender();

        Layout<ILoggingEvent> layout = output.start(sender, null, "%msg");

        assertThat(layout).isInstanceOf(PatternLayout.class);
        assertThat(layout.isStarted()).isTrue();
        assertThat(output.stop(layout)).isNull();
        assertThat(layout.isStarted()).isFalse();
        assertThat(sender.closed).isTrue();
    }

    @Test
    void aConfiguredLayoutIsStartedAndKept() {
        SenderOutput output = output();
        PatternLayout configured = new PatternLayout();
        configured.setContext(new LoggerContext());
        configured.setPattern("%msg");

        Layout<ILoggingEvent> layout = output.start(new FakeSender(), configured, "%level");

        assertThat(layout).isSameAs(configured);
        assertThat(configured.isStarted()).isTrue();
        assertThat(output.stop(layout)).isSameAs(configured);
        assertThat(configured.isStarted()).isTrue();
    }

    @Test
    void failedSendsAndCutsAreCountedNotThrown() {
        SenderOutput output = output();
        FakeSender sender = new FakeSender();
        output.start(sender, null, "%msg");

        output.send("a".getBytes(StandardCharsets.UTF_8), 1);
        sender.failing = true;
        output.send("b".getBytes(StandardCharsets.UTF_8), 1);
        output.dropped("too large");
        output.truncated("cut");

        assertThat(sender.sent).containsExactly("a");
        assertThat(output.droppedCount()).isEqualTo(2);
        assertThat(output.truncatedCount()).isEqualTo(1);
    }
}
