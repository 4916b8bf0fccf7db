package io.logship.logback.context;

import static io.logship.logback.context.KeyValues.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.logship.logback.testing.Capture;
import io.logship.logback.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;

@SuppressWarnings("try") // scopes are opened for their effect on the MDC
class KeyValuesTest {

    private static Map<String, Object> asMap(ILoggingEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (KeyValuePair pair : KeyValues.of(event)) {
            assertThat(map).doesNotContainKey(pair.key);
            map.put(pair.key, pair.value);
        }
        return map;
    }

    @Test
    void allFourMechanismsLandInOneListWithCallSiteOverBoundOverScoped() {
        try (Capture capture = new Capture().level(Level.INFO);
                LogContext.Scope scope = LogContext.put("user", "scoped")) {
            LogContext.Scope scope2 = LogContext.put("request_id", "r-1");
            Logger bound = BoundLogger.of(LoggerFactory.getLogger("peer.Worker"), "worker_id", 7, "user", "bound");

            bound.atInfo().addKeyValue("attempt", 2).log("fluent");
            bound.info("classic {}", "arg", kv("user", "call-site"), kv("n", 1));
            LoggerFactory.getLogger("plain")
                    .atWarn()
                    .addKeyValue("user", "fluent")
                    .log("plain");
            scope2.close();

            assertThat(capture.appender.list).hasSize(3);
            assertThat(asMap(capture.appender.list.get(0)))
                    .containsExactly(
                            Map.entry("request_id", "r-1"),
                            Map.entry("user", "bound"),
                            Map.entry("worker_id", 7),
                            Map.entry("attempt", 2));
            assertThat(asMap(capture.appender.list.get(1)))
                    .containsExactly(
                            Map.entry("request_id", "r-1"),
                            Map.entry("user", "call-site"),
                            Map.entry("worker_id", 7),
                            Map.entry("n", 1));
            assertThat(capture.appender.list.get(1).getFormattedMessage()).isEqualTo("classic arg");
            assertThat(asMap(capture.appender.list.get(2)))
                    .containsExactly(Map.entry("request_id", "r-1"), Map.entry("user", "fluent"));
        }
    }

    @Test
    void eventWithoutContextGivesEmptyList() {
        assertThat(KeyValues.of(Events.event().message("x", "not-a-pair").build()))
                .isEmpty();
    }

    @Test
    void scopedContextCapturedOnAppThreadSurvivesHandOffToAnotherThread() throws Exception {
        try (Capture capture = new Capture().level(Level.INFO)) {
            try (LogContext.Scope scope = LogContext.put("request_id", "r-7")) {
                LoggerFactory.getLogger("async").info("queued");
            }
            ILoggingEvent event = capture.only();
            event.prepareForDeferredProcessing(); // what an async appender does in append()

            List<KeyValuePair> seen =
                    CompletableFuture.supplyAsync(() -> KeyValues.of(event)).get(5, TimeUnit.SECONDS);

            assertThat(seen).extracting(p -> p.key + "=" + p.value).containsExactly("request_id=r-7");
            assertThat(MDC.get("request_id")).isNull();
        }
    }

    @Test
    @Timeout(10)
    void realAsyncAppenderSeesScopedContextAfterTheScopeClosed() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CountDownLatch release = new CountDownLatch(1);
        List<List<KeyValuePair>> seen = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> slow = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    release.await(); // hold the worker until the application thread has left the scope
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(KeyValues.of(event));
            }
        };
        slow.setContext(context);
        slow.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.addAppender(slow);
        async.start();
        var logger = context.getLogger("async.real");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(async);
        try {
            try (LogContext.Scope scope = LogContext.put("request_id", "r-8")) {
                logger.info("queued", kv("n", 1));
            }
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());

            assertThat(seen.get(0)).extracting(p -> p.key + "=" + p.value).containsExactly("request_id=r-8", "n=1");
        } finally {
            logger.detachAppender(async);
            async.stop();
        }
    }

    @Test
    void manyPairsSwitchToHashIndexAndStayUniqueInOrder() {
        Events events = Events.event();
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.pair("k" + i, i);
            args.add(kv("k" + (39 - i), "call" + i));
        }

        List<KeyValuePair> pairs =
                KeyValues.of(events.message("m", args.toArray()).build());

        assertThat(pairs).hasSize(40);
        assertThat(pairs.get(0).key).isEqualTo("k0");
        assertThat(pairs.get(0).value).isEqualTo("call39");
        assertThat(pairs.get(39).key).isEqualTo("k39");
    }

    @Test
    void nullKeyBecomesTheTextNull() {
        assertThat(KeyValues.of(Events.event().message("m", kv(null, 1)).build()))
                .extracting(p -> p.key)
                .containsExactly("null");
    }
}
