package io.logship.logback.context;

import static io.logship.logback.context.KeyValues.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

class KeyValueArgumentFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.getCallerData(); // while the logging call is on the stack, as an async appender would
            super.append(event);
        }
    };
    private Logger log;

    @BeforeEach
    void setUp() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        KeyValueArgumentFilter.install(context);
        KeyValueArgumentFilter.install(context); // twice: still one
        events.setContext(context);
        events.start();
        log = context.getLogger("app");
        log.setLevel(Level.INFO);
        log.addAppender(events);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private String render(String pattern, ILoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void aKvArgumentBecomesAnEventPairThatKvpShowsAndTheMessageIsUnchanged() {
        log.info("paid {}", 12, kv("user", "jd"));

        assertThat(context.getTurboFilterList()).hasSize(1);
        assertThat(events.list).hasSize(1);
        ILoggingEvent event = events.list.get(0);
        assertThat(event.getKeyValuePairs())
                .extracting(p -> p.key + "=" + p.value)
                .containsExactly("user=jd");
        assertThat(event.getFormattedMessage()).isEqualTo("paid 12");
        assertThat(render("%kvp|%msg", event)).isEqualTo("user=\"jd\"|paid 12");
    }

    @Test
    void callerDataNamesTheApplicationNotTheFilter() {
        log.warn("careful", kv("k", 1));

        StackTraceElement caller = events.list.get(0).getCallerData()[0];
        assertThat(caller.getClassName()).isEqualTo(KeyValueArgumentFilterTest.class.getName());
        assertThat(caller.getMethodName()).isEqualTo("callerDataNamesTheApplicationNotTheFilter");
    }

    @Test
    void logbacksJsonEncoderCarriesThePair() {
        log.info("hello", kv("order", 7), kv("user", "jd"));

        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        String json = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"kvpList\": [{\"order\":\"7\"},{\"user\":\"jd\"}]");
    }

    @Test
    void logstashLogbackEncoderCarriesThePair() {
        log.info("hello", kv("order", 7));

        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        String json = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"order\":7");
    }

    @Test
    void markerAndThrowableSurvive() {
        IllegalStateException boom = new IllegalStateException("boom");

        log.error(MarkerFactory.getMarker("AUDIT"), "failed {}", "x", kv("user", "jd"), boom);

        ILoggingEvent event = events.list.get(0);
        assertThat(event.getMarkerList()).extracting(Object::toString).containsExactly("AUDIT");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(event.getFormattedMessage()).isEqualTo("failed x");
    }

    @Test
    void aDisabledLevelBuildsNoEvent() {
        log.debug("hidden", kv("user", "jd"));

        assertThat(events.list).isEmpty();
    }

    @Test
    void callsWithoutKvArgumentsAreLeftToLogbackAndLoggedOnce() {
        log.info("plain {}", 1);

        assertThat(events.list).hasSize(1);
        assertThat(events.list.get(0).getKeyValuePairs()).isNullOrEmpty();
        assertThat(events.list.get(0).getClass()).isEqualTo(LoggingEvent.class);
    }

    @Test
    void theFluentApiAndBoundLoggersGetThePairOnceAfterTheirOwn() {
        BoundLogger bound = BoundLogger.of(log, "worker", 7);

        bound.info("x {}", 1, kv("user", "jd"));
        log.atInfo().addKeyValue("a", 1).addArgument(kv("b", 2)).log("fluent");

        assertThat(events.list).hasSize(2);
        assertThat(events.list.get(0).getKeyValuePairs()).extracting(p -> p.key).containsExactly("worker", "user");
        assertThat(events.list.get(1).getKeyValuePairs()).extracting(p -> p.key).containsExactly("a", "b");
        assertThat(KeyValues.of(events.list.get(0)))
                .extracting((KeyValuePair p) -> p.key + "=" + p.value)
                .containsExactly("worker=7", "user=jd");
    }
}
